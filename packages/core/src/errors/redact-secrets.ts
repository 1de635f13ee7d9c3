/**
 * Shortest piece of a secret that is redacted on its own. A server or a parser may echo only part of a key
 * (V8's JSON errors quote the first 10 characters of a body); six characters of a random key do not turn up
 * in ordinary text by chance, and redacting a false match costs a few characters of a message.
 */
export const minRedactedSecretLength = 6;

/** Longest raw text (a body, a server message, a parser's error) an error message quotes. */
export const maxQuotedChars = 500;

/**
 * Replaces in `text` every run of at least {@link minRedactedSecretLength} characters that is part of a
 * secret (the API key), and every whole occurrence of a shorter secret, with `[redacted]`. So neither the
 * key nor a prefix or slice of it survives.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    result =
      secret.length < minRedactedSecretLength
        ? result.split(secret).join('[redacted]')
        : redactSlices(result, secret);
  }
  return result;
}

/** `text` cut to `max` characters (an ellipsis marks the cut), then redacted. For quoting raw input. */
export function quoteRaw(text: string, secrets: readonly string[], max = maxQuotedChars): string {
  // Redact before cutting: a cut through the key would leave a slice too short to be recognised.
  const redacted = redactSecrets(text, secrets);
  return redacted.length > max ? `${redacted.slice(0, max)}…` : redacted;
}

/** Any JSON-like value with every string in it redacted (keys included). */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.some((secret) => secret.length > 0)) return value;
  const walk = (current: unknown): unknown => {
    if (typeof current === 'string') return redactSecrets(current, secrets);
    if (Array.isArray(current)) return current.map(walk);
    if (typeof current === 'object' && current !== null) {
      return Object.fromEntries(
        Object.entries(current).map(([key, inner]) => [redactSecrets(key, secrets), walk(inner)]),
      );
    }
    return current;
  };
  return walk(value) as T;
}

function redactSlices(text: string, secret: string): string {
  const windows = new Set<string>();
  for (let start = 0; start + minRedactedSecretLength <= secret.length; start++) {
    windows.add(secret.slice(start, start + minRedactedSecretLength));
  }
  let result = '';
  let index = 0;
  while (index < text.length) {
    if (!windows.has(text.slice(index, index + minRedactedSecretLength))) {
      result += text[index];
      index += 1;
      continue;
    }
    // Grow the match while it is still a slice of the secret.
    let end = index + minRedactedSecretLength;
    while (end < text.length && secret.includes(text.slice(index, end + 1))) end += 1;
    result += '[redacted]';
    index = end;
  }
  return result;
}
