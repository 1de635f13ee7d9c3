import { describePublicApi } from '../../../api/describe-public-api.js';

describePublicApi('@tokenflow/queue', new URL('..', import.meta.url));
