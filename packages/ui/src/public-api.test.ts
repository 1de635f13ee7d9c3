import { describePublicApi } from '../../../api/describe-public-api.js';

describePublicApi('@tokenflow/ui', new URL('..', import.meta.url));
