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
 * indentation (each `- ` of a compact sequence counts as a level) and flow nesting by `[`/`{`, skipping
 * quoted strings, comments and block scalars (`|`, `>`). It may over-count slightly on odd layouts,
 * never under-count deep flow or compact nesting, which is what matters for safety.
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
    if (quote === undefined && flowDepth === 0) {
      if (blank || line[indent] === '#') continue;
      while (indents.length > 0 && (indents.at(-1) ?? 0) >= indent) indents.pop();
      indents.push(indent);
      // Compact nesting on one line: `- - - x` or `- key: value`.
      while (line[column] === '-' && (line[column + 1] === ' ' || line[column + 1] === undefined)) {
        column += 1;
        while (line[column] === ' ') column += 1;
        indents.push(column);
      }
    }
    let valueStart = true;
    for (; column < line.length; column++) {
      const char = line[column];
      if (quote !== undefined) {
        if (char === '\\' && quote === '"') column += 1;
        else if (char === quote) {
          if (quote === "'" && line[column + 1] === "'") column += 1;
          else quote = undefined;
        }
        continue;
      }
      if (char === '#' && (column === 0 || line[column - 1] === ' ' || line[column - 1] === '\t')) break;
      if (char === ' ' || char === '\t') continue;
      const opensFlow = (char === '[' || char === '{') && (flowDepth > 0 || valueStart);
      if (opensFlow) {
        flowDepth += 1;
        const depth = indents.length + flowDepth;
        if (depth > limits.maxDepth) return tooDeep(lineIndex, column, limits);
        valueStart = true;
        continue;
      }
      if (flowDepth > 0 && (char === ']' || char === '}')) {
        flowDepth -= 1;
        valueStart = false;
        continue;
      }
      if ((char === '"' || char === "'") && (valueStart || flowDepth > 0)) {
        quote = char;
        continue;
      }
      if (char === ':' && (line[column + 1] === ' ' || line[column + 1] === undefined)) {
        valueStart = true;
        if (flowDepth === 0 && /^\s*[|>][-+0-9]*\s*(#.*)?$/.test(line.slice(column + 1))) {
          blockScalarParentIndent = indent;
          break;
        }
        continue;
      }
      if (char === ',' && flowDepth > 0) {
        valueStart = true;
        continue;
      }
      if ((char === '|' || char === '>') && valueStart && flowDepth === 0) {
        blockScalarParentIndent = indent;
        break;
      }
      valueStart = false;
    }
    if (indents.length + flowDepth > limits.maxDepth) return tooDeep(lineIndex, indent, limits);
  }
  return undefined;
}

function tooDeep(lineIndex: number, column: number, limits: ResolvedYamlLimits): SourceScanProblem {
  return {
    kind: 'nesting_too_deep',
    line: lineIndex + 1,
    column: column + 1,
    message: `the document is nested more than ${limits.maxDepth} levels deep here`,
  };
}
