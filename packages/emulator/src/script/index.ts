export { lastUserText, ResponseScript } from './response-script.js';
export type { ScriptEntry } from './script-entry.js';
