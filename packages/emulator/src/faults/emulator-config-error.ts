/** Thrown for bad emulator options or a bad faults file; the message names the field and the fix. */
export class EmulatorConfigError extends Error {
  /** Where the bad value is, e.g. `faults.json: models["gemini-2.5-pro"].quota.requestsPerMinute`. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'EmulatorConfigError';
    this.path = path;
  }
}
