// The JavaScript API of @tokenflow/cli: `main` runs the `tokenflow` command in-process with the streams,
// environment and folder you give it, and resolves to its exit code. The offline-default connection the
// commands use is `@tokenflow/cli/connection`. api/cli.index.api.md lists every name below, and a test
// fails when the two differ.
export type { CliIo, CliOutput } from './cli-io.js';
export { type ExitCode, exitCodes } from './exit-codes.js';
export { main } from './main.js';
