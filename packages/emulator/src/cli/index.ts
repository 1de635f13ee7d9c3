export { apiKeysFromEnvironment, type CliStreams, emulatorCommand } from './run-emulator-cli.js';
