/**
 * `error.type` for an error: a TokenOff error's kind (`rate_limited`, `overloaded`, ...), else a
 * tokenflow error's code, else the error's class name. Never the message, which may quote input.
 */
export function errorTypeOf(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const { kind, code, name } = error as { kind?: unknown; code?: unknown; name?: unknown };
    if (typeof kind === 'string') return kind;
    if (typeof code === 'string') return code;
    if (typeof name === 'string') return name;
  }
  return '_OTHER';
}
