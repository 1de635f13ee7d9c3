export { drawFaults, type FaultDraw } from './draw-faults.js';
export { EmulatorConfigError } from './emulator-config-error.js';
export { applyAnswerFault } from './fault-answer.js';
export {
  type DurationSpec,
  type FaultName,
  type FaultsByModel,
  type FaultsFile,
  faultNames,
  type ModelFaults,
  type QuotaFaults,
} from './fault-config.js';
export { loadFaultsFile } from './load-faults-file.js';
export { parseFaultsByModel, parseFaultsFile, parseModelFaults } from './parse-faults.js';
export { type QuotaRefusal, QuotaTracker } from './quota-tracker.js';
export { seededRandom } from './seeded-random.js';
