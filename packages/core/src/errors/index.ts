export { TokenflowError } from './tokenflow-error.js';
