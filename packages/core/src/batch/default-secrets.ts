/** Replaces every occurrence of each secret in `text` with `[redacted]`. Secrets under 6 characters are ignored. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 6) continue;
    result = result.split(secret).join('[redacted]');
  }
  return result;
}

/** The secrets to keep out of batch files by default: the TokenOff key, when set. */
export function defaultSecrets(): string[] {
  const key = process.env.TOKENOFF_API_KEY;
  return key ? [key] : [];
}
