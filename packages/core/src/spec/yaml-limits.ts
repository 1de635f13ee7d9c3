/**
 * Caps that keep an untrusted pipeline file from exhausting memory, CPU or the stack.
 * The defaults are far above what a real pipeline needs (a large one is a few hundred lines).
 */
export interface YamlLimits {
  /**
   * Largest file accepted, in UTF-16 code units (about bytes for ASCII), checked before parsing.
   * @default 1_000_000
   */
  maxSourceLength?: number;
  /**
   * Deepest nesting of mappings and sequences (block and flow), counting the levels aliases bring in.
   * Checked before parsing with a cheap scan and again on the parser's syntax tree before the document is
   * composed, because composing recurses and a deep enough document overflows the stack.
   * @default 64
   */
  maxDepth?: number;
  /**
   * Longest single string value.
   * @default 200_000
   */
  maxScalarLength?: number;
  /**
   * Values produced in all, counting every expansion of an alias (`*name`), so that an alias bomb
   * ("billion laughs") stops early instead of expanding exponentially.
   * @default 50_000
   */
  maxNodes?: number;
}

/** {@link YamlLimits} with every default filled in. */
export type ResolvedYamlLimits = Required<YamlLimits>;

/** Fills in the defaults of {@link YamlLimits}. */
export function resolveYamlLimits(limits: YamlLimits = {}): ResolvedYamlLimits {
  return {
    maxSourceLength: limits.maxSourceLength ?? 1_000_000,
    maxDepth: limits.maxDepth ?? 64,
    maxScalarLength: limits.maxScalarLength ?? 200_000,
    maxNodes: limits.maxNodes ?? 50_000,
  };
}
