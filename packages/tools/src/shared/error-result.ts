/**
 * Tools answer the model with text. A failure is a normal answer that starts with `Error:`, names what
 * went wrong and says what to do next, so the model can correct itself instead of the run crashing.
 */
export function errorResult(message: string): string {
  return `Error: ${message}`;
}

/** The message of anything thrown, without a stack. */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  return String(thrown);
}
