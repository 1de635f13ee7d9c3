/** A path into the parsed document: mapping keys and sequence indexes. */
export type SpecPath = readonly (string | number)[];

/** A 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** How a string value was written, so that offsets inside it can be turned into positions. */
export type ScalarLayout =
  | { readonly kind: 'inline'; readonly quoted: boolean }
  | { readonly kind: 'literal-block'; readonly firstLine: number; readonly indent: number };

interface Located {
  value: SourcePosition;
  key?: SourcePosition;
  layout?: ScalarLayout;
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

  /** Records how the string at `path` was laid out (after {@link record}). */
  recordLayout(path: SpecPath, layout: ScalarLayout): void {
    const entry = this.#entries.get(pathKey(path));
    if (entry !== undefined) entry.layout = layout;
  }

  /**
   * Where character `offset` of the string at `path` is in the file: exact for plain and quoted strings
   * on one line and for `|` blocks; the start of the value otherwise.
   */
  positionInValue(path: SpecPath, text: string, offset: number): SourcePosition {
    const entry = this.#entries.get(pathKey(path));
    if (entry === undefined) return this.valueAt(path);
    const layout = entry.layout;
    if (layout?.kind === 'inline' && !text.includes('\n')) {
      return { line: entry.value.line, column: entry.value.column + offset + (layout.quoted ? 1 : 0) };
    }
    if (layout?.kind === 'literal-block') {
      const before = text.slice(0, offset);
      const lineIndex = before.split('\n').length - 1;
      const lineStart = before.lastIndexOf('\n') + 1;
      return { line: layout.firstLine + lineIndex, column: layout.indent + 1 + (offset - lineStart) };
    }
    return entry.value;
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
