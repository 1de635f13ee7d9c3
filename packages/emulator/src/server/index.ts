export type { EmulatorHandle, EmulatorOptions, EmulatorStats, RecordedRequest } from './emulator-options.js';
export { startEmulator } from './start-emulator.js';
