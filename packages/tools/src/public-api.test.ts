import { describePublicApi } from '../../../api/describe-public-api.js';

describePublicApi('@tokenflow/tools', new URL('..', import.meta.url));
