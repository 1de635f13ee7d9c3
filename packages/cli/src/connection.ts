// The `@tokenflow/cli/connection` entry point: where model calls go the way every `tokenflow` command
// decides it (TOKENOFF_API_KEY, else an in-process emulator), for scripts that want the same offline
// default. api/cli.connection.api.md lists every name below.
export { connectTokenOff, offlineApiKey, type TokenOffConnection } from './support/tokenoff-connection.js';
