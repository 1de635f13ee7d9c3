// The public surface of @tokenflow/emulator: start a server (options, handle, statistics, the recorded
// requests), fault files and their types, scripted answers, the recorded Gemini fixtures, the wire
// types requests and answers are typed with, and the `tokenflow-emulator` command for embedding.
// The model, validation and wire builders are internal. api/emulator.index.api.md lists every name
// below, and a test fails when the two differ.
export { type CliStreams, emulatorCommand } from './cli/index.js';
export {
  type DurationSpec,
  EmulatorConfigError,
  type FaultName,
  type FaultsByModel,
  type FaultsFile,
  faultNames,
  loadFaultsFile,
  type ModelFaults,
  parseFaultsFile,
  type QuotaFaults,
} from './faults/index.js';
export { recordedFixturesDir } from './fixtures/index.js';
export type { ScriptEntry } from './script/index.js';
export {
  type EmulatorHandle,
  type EmulatorOptions,
  type EmulatorStats,
  type RecordedRequest,
  startEmulator,
} from './server/index.js';
export type {
  Candidate,
  Content,
  ErrorBody,
  FunctionCall,
  FunctionCallingMode,
  FunctionDeclaration,
  FunctionResponse,
  GenerateContentRequest,
  GenerateContentResponse,
  GenerationConfig,
  ModalityTokenCount,
  OpenApiSchema,
  Part,
  SafetySetting,
  ThinkingConfig,
  Tool,
  ToolConfig,
  UsageMetadata,
} from './wire/index.js';
