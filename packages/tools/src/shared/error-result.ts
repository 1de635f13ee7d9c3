/**
 * Tools answer the model with text. A failure is a normal answer that starts with `Error:`, names what
 * went wrong and says what to do next, so the model can correct itself instead of the run crashing.
 */
export function errorResult(message: string): string {
  return `Error: ${message}`;
}

/**
 * The message of anything thrown, without a stack. A Node system error is told by its call and code
 * only: its own message names absolute paths (`ENOENT: ..., open '/home/.../root/x'`), which would tell
 * the model where the tool's folder lies on disk.
 */
export function describeThrown(thrown: unknown): string {
  if (isSystemError(thrown)) return `the system call ${thrown.syscall} failed with ${thrown.code}`;
  if (thrown instanceof Error) return thrown.message;
  return String(thrown);
}

function isSystemError(thrown: unknown): thrown is { code: string; syscall: string } {
  const candidate = thrown as { code?: unknown; syscall?: unknown } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.code === 'string' &&
    typeof candidate.syscall === 'string'
  );
}
