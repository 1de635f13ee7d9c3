import { describePublicApi } from '../../../api/describe-public-api.js';

describePublicApi('@tokenflow/emulator', new URL('..', import.meta.url));
