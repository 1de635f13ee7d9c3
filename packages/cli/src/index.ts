export type { CliIo, CliOutput } from './cli-io.js';
export { type ExitCode, exitCodes } from './exit-codes.js';
export { main } from './main.js';
export { createProgram } from './program.js';
export { connectTokenOff, offlineApiKey, type TokenOffConnection } from './support/tokenoff-connection.js';
export { UsageError } from './usage-error.js';
