export { EmulatorConfigError } from './faults/emulator-config-error.js';
export type {
  DurationSpec,
  FaultName,
  FaultsByModel,
  FaultsFile,
  ModelFaults,
  QuotaFaults,
} from './faults/fault-config.js';
export { faultNames } from './faults/fault-config.js';
export { loadFaultsFile } from './faults/load-faults-file.js';
export { parseFaultsFile } from './faults/parse-faults.js';
export { recordedFixturesDir } from './fixtures/recorded-fixtures-dir.js';
export type { ScriptEntry } from './script/script-entry.js';
export type {
  EmulatorHandle,
  EmulatorOptions,
  EmulatorStats,
  RecordedRequest,
} from './server/emulator-options.js';
export { startEmulator } from './server/start-emulator.js';
export type * from './wire/types.js';
