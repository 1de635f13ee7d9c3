import { describePublicApi } from '../../../api/describe-public-api.js';

describePublicApi('@tokenflow/cli', new URL('..', import.meta.url));
