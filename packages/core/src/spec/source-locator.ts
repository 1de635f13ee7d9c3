/** A path into the parsed document: mapping keys and sequence indexes. */
export type SpecPath = readonly (string | number)[];

/** A 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

interface Located {
  value: SourcePosition;
  key?: SourcePosition;
}

/**
 * Remembers where each value of a parsed YAML document came from, by path, so issues found later
 * (by zod, by reference checks) can point at `file:line:col`.
 */
export class SourceLocator {
  readonly #entries = new Map<string, Located>();

  /** Records the position of the value at `path` (and of its key, for mapping entries). */
  record(path: SpecPath, value: SourcePosition, key?: SourcePosition): void {
    this.#entries.set(pathKey(path), key === undefined ? { value } : { value, key });
  }

  /** Where the value at `path` starts, or of its nearest recorded parent. */
  valueAt(path: SpecPath): SourcePosition {
    return this.#find(path)?.value ?? { line: 1, column: 1 };
  }

  /** Where the key of the entry at `path` starts (falls back to the value, then the nearest parent). */
  keyAt(path: SpecPath): SourcePosition {
    const entry = this.#find(path);
    return entry?.key ?? entry?.value ?? { line: 1, column: 1 };
  }

  #find(path: SpecPath): Located | undefined {
    for (let length = path.length; length >= 0; length--) {
      const entry = this.#entries.get(pathKey(path.slice(0, length)));
      if (entry !== undefined) return entry;
    }
    return undefined;
  }
}

/** Shows a path the way users write it in templates: `steps[2].output.title`. */
export function formatSpecPath(path: SpecPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text === '' ? '(top level)' : text;
}

function pathKey(path: SpecPath): string {
  return JSON.stringify(path);
}
