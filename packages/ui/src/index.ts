export { UiError, type UiErrorCode } from './ui-error.js';
