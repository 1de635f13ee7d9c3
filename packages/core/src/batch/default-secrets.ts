/** The secrets to keep out of batch files by default: the TokenOff key, when set. */
export function defaultSecrets(): string[] {
  const key = process.env.TOKENOFF_API_KEY;
  return key ? [key] : [];
}
