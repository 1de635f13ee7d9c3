/**
 * Names the file tools hide and refuse by default, because they usually hold secrets or repository
 * internals: a model that can read `.env` can repeat its keys. Matched against every path segment,
 * case-insensitively; `*` stands for any run of characters.
 */
export const defaultExcludedNames: readonly string[] = [
  '.env',
  '.env.*',
  '.git',
  '.ssh',
  '.aws',
  '.npmrc',
  '.netrc',
  '.pgpass',
  '*.pem',
  '*.key',
  'id_rsa*',
  'id_ecdsa*',
  'id_ed25519*',
];

/** Compiles `*`-patterns into one test on a single file or folder name. */
export function compileNamePatterns(patterns: readonly string[]): (name: string) => string | undefined {
  const compiled = patterns.map((pattern) => ({
    pattern,
    regex: new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      'i',
    ),
  }));
  return (name) => compiled.find(({ regex }) => regex.test(name))?.pattern;
}
