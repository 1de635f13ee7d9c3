import type { ResolvedYamlLimits } from './yaml-limits.js';

/** What the cheap pre-parse scan found wrong, with a 1-based position. */
export interface SourceScanProblem {
  readonly kind: 'source_too_large' | 'nesting_too_deep';
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * Checks the size and nesting depth of YAML text without parsing it, in one linear pass.
 *
 * The `yaml` parser recurses per nesting level, so a document nested a few thousand levels deep can
 * overflow the stack (and, parsed twice, crash Node itself). This scan counts block nesting by
 * indentation (each `- `, `? ` or `: ` indicator that starts a line's content counts as a level) and flow
 * nesting by `[`/`{`, skipping quoted strings, comments and block scalars (`|`, `>`). Where the text is
 * ambiguous it counts the deeper reading: it may over-count on odd layouts, never under-count deep
 * nesting, whatever precedes it (an anchor `&a`, a tag `!t`, a quote inside a plain scalar). What it
 * misses anyway, `composeYamlSafely` still refuses with a position.
 */
export function scanYamlSource(source: string, limits: ResolvedYamlLimits): SourceScanProblem | undefined {
  if (source.length > limits.maxSourceLength) {
    return {
      kind: 'source_too_large',
      line: 1,
      column: 1,
      message: `the file is ${source.length} characters long, more than the limit of ${limits.maxSourceLength}`,
    };
  }
  const indents: number[] = [];
  let flowDepth = 0;
  let quote: '"' | "'" | undefined;
  let blockScalarParentIndent: number | undefined;
  /** Whether the next character may start a node, so that a quote there opens a quoted string. */
  let valueStart = true;
  /** Whether the last thing read was a quoted string or a flow collection, after which `:` needs no space. */
  let afterJsonLike = false;
  const lines = source.split(/\r?\n/);
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex] ?? '';
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '';
    if (blockScalarParentIndent !== undefined) {
      if (blank || indent > blockScalarParentIndent) continue;
      blockScalarParentIndent = undefined;
    }
    let column = indent;
    /** Where a block scalar on this line belongs: a `-`, `?` or `:` indicator, else the line's indent. */
    let indicatorColumn = indent;
    /** The column of this line's key once its `: ` is read; a block scalar after it belongs to the key. */
    let keyColumn: number | undefined;
    if (quote === undefined && flowDepth === 0) {
      if (blank || line[indent] === '#') continue;
      valueStart = true;
      afterJsonLike = false;
      if (indent === 0 && /^(---|\.\.\.)(\s|$)/.test(line)) {
        // A document marker: a new document starts at the top level.
        indents.length = 0;
        column = 3;
      } else {
        while (indents.length > 0 && (indents.at(-1) ?? 0) >= indent) indents.pop();
        indents.push(indent);
      }
      // Compact nesting on one line: `- - - x`, `? ? ? x`, `- key: value`.
      while (isBlockIndicator(line, column)) {
        indicatorColumn = column;
        column += 1;
        while (line[column] === ' ') column += 1;
        indents.push(column);
        if (indents.length > limits.maxDepth) return tooDeep(lineIndex, indicatorColumn, limits);
      }
    }
    const nodeColumn = column;
    for (; column < line.length; column++) {
      const char = line[column];
      if (quote !== undefined) {
        if (char === '\\' && quote === '"') column += 1;
        else if (char === quote) {
          if (quote === "'" && line[column + 1] === "'") column += 1;
          else {
            quote = undefined;
            afterJsonLike = true;
          }
        }
        continue;
      }
      if (char === '#' && (column === 0 || line[column - 1] === ' ' || line[column - 1] === '\t')) break;
      if (char === ' ' || char === '\t') continue;
      if (valueStart && (char === '&' || char === '!' || char === '*')) {
        // An anchor or tag keeps the place a node starts at (`&a [[[` nests); an alias is a whole node.
        while (column + 1 < line.length && !endsProperty(line[column + 1], flowDepth > 0)) column += 1;
        valueStart = char !== '*';
        afterJsonLike = false;
        continue;
      }
      const opensFlow = (char === '[' || char === '{') && (flowDepth > 0 || valueStart);
      if (opensFlow) {
        flowDepth += 1;
        const depth = indents.length + flowDepth;
        if (depth > limits.maxDepth) return tooDeep(lineIndex, column, limits);
        valueStart = true;
        afterJsonLike = false;
        continue;
      }
      if (flowDepth > 0 && (char === ']' || char === '}')) {
        flowDepth -= 1;
        valueStart = false;
        afterJsonLike = true;
        continue;
      }
      // Only where a node starts does a quote open a string; inside a plain scalar (`a"b`) it is text.
      if ((char === '"' || char === "'") && valueStart) {
        quote = char;
        continue;
      }
      const spaceAfter =
        line[column + 1] === ' ' || line[column + 1] === '\t' || line[column + 1] === undefined;
      if (char === ':' && (spaceAfter || (flowDepth > 0 && afterJsonLike))) {
        valueStart = true;
        afterJsonLike = false;
        if (flowDepth === 0) keyColumn = nodeColumn;
        continue;
      }
      if ((char === ',' || (char === '?' && spaceAfter)) && flowDepth > 0) {
        valueStart = true;
        afterJsonLike = false;
        continue;
      }
      if ((char === '|' || char === '>') && valueStart && flowDepth === 0) {
        blockScalarParentIndent = keyColumn ?? indicatorColumn;
        break;
      }
      valueStart = false;
      afterJsonLike = false;
    }
    if (indents.length + flowDepth > limits.maxDepth) return tooDeep(lineIndex, indent, limits);
  }
  return undefined;
}

/** `-`, `?` or `:` followed by a space or the end of the line: a block indicator that can nest. */
function isBlockIndicator(line: string, column: number): boolean {
  const char = line[column];
  const next = line[column + 1];
  return (char === '-' || char === '?' || char === ':') && (next === ' ' || next === undefined);
}

/** Whether `char` ends an anchor, tag or alias name: a space, or in flow context a flow indicator. */
function endsProperty(char: string | undefined, inFlow: boolean): boolean {
  if (char === ' ' || char === '\t' || char === undefined) return true;
  return inFlow && (char === ',' || char === '[' || char === ']' || char === '{' || char === '}');
}

function tooDeep(lineIndex: number, column: number, limits: ResolvedYamlLimits): SourceScanProblem {
  return {
    kind: 'nesting_too_deep',
    line: lineIndex + 1,
    column: column + 1,
    message: `the document is nested more than ${limits.maxDepth} levels deep here`,
  };
}
