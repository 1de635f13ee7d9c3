import {
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  YAMLParseError,
} from 'yaml';
import { locateDeepYamlNode } from './locate-deep-yaml-node.js';
import { scanYamlSource } from './scan-yaml-source.js';
import { SourceLocator, type SourcePosition, type SpecPath } from './source-locator.js';
import type { SpecIssue, SpecIssueCode } from './spec-issue.js';
import { type ResolvedYamlLimits, resolveYamlLimits, type YamlLimits } from './yaml-limits.js';

/** Keys that could reach `Object.prototype` if a consumer ever assigned them; always refused. */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The plain data of a YAML file, where each value came from, and what was wrong with it. */
export interface ParsedYaml {
  /** Plain JSON-like data (objects, arrays, strings, numbers, booleans, null). `undefined` if unusable. */
  readonly value: unknown;
  readonly locator: SourceLocator;
  readonly issues: readonly SpecIssue[];
}

/**
 * Parses untrusted YAML text into plain data, safely:
 * size and depth are checked before parsing; every alias expansion counts against `maxNodes`;
 * explicit tags (`!!js/function`, `!custom`, even `!!str`) are refused; `__proto__`, `constructor` and
 * `prototype` keys are refused and never assigned; duplicate keys are reported with both positions;
 * keys must be strings; strings longer than `maxScalarLength` are refused. Reports every problem found.
 */
export function parseYamlSafely(source: string, file: string, limits?: YamlLimits): ParsedYaml {
  const resolved = resolveYamlLimits(limits);
  const scanProblem = scanYamlSource(source, resolved);
  if (scanProblem !== undefined) {
    const suggestion = scanProblem.kind === 'source_too_large' ? tooLargeSuggestion : tooDeepSuggestion;
    const { kind, line, column, message } = scanProblem;
    return {
      value: undefined,
      locator: new SourceLocator(),
      issues: [{ file, line, column, message, code: kind, suggestion }],
    };
  }
  return composeYamlSafely(source, file, resolved);
}

const tooLargeSuggestion = 'split the pipeline, or move long texts into the input data';
const tooDeepSuggestion = 'flatten the structure; pipelines never need this much nesting';

/**
 * The part of {@link parseYamlSafely} after the pre-parse scan. It holds the depth limit on its own, so a
 * document that slips past the scan is still refused with a position: the parser's syntax tree is measured
 * (without recursion) before the document is composed, alias expansions are measured while converting,
 * and, as a last line of defence, a call-stack overflow is reported as nesting that is too deep, located by
 * {@link locateDeepYamlNode}, never as a stack-size message.
 */
export function composeYamlSafely(source: string, file: string, limits: ResolvedYamlLimits): ParsedYaml {
  const locator = new SourceLocator();
  const lineCounter = new LineCounter();
  const issues: SpecIssue[] = [];
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const report = (code: SpecIssueCode, offset: number, message: string, suggestion?: string): void => {
    issues.push({ file, ...at(offset), message, code, ...(suggestion === undefined ? {} : { suggestion }) });
  };
  // One parse into the concrete syntax tree, which the parser builds without recursion; its depth is
  // measured before composing, which recurses per level (and near the stack's end V8 can fail hard, a
  // regular expression compiled there aborting the process, instead of throwing).
  const tokens = [...new Parser(lineCounter.addNewLine).parse(source)];
  const tooDeep = (offset: number): ParsedYaml => {
    const issue: SpecIssue = {
      file,
      ...at(locateDeepYamlNode(tokens, limits.maxDepth) ?? offset),
      message: tooDeepMessage(limits),
      code: 'nesting_too_deep',
      suggestion: tooDeepSuggestion,
    };
    return { value: undefined, locator, issues: [issue] };
  };
  const deepOffset = locateDeepYamlNode(tokens, limits.maxDepth);
  if (deepOffset !== undefined) return tooDeep(deepOffset);
  let document: Document.Parsed;
  try {
    document = composeOneDocument(tokens, source.length);
  } catch (error) {
    if (isStackOverflow(error)) return tooDeep(0);
    throw error;
  }
  // yaml catches a stack overflow while composing and reports it as an error at the node it was on.
  const overflow = document.errors.find((error) => isStackOverflow(error.message));
  if (overflow) return tooDeep(overflow.pos[0]);
  for (const error of document.errors) {
    report('yaml_syntax', error.pos[0], `YAML syntax error: ${firstLine(error.message)}`);
  }
  if (document.errors.length > 0) return { value: undefined, locator, issues };
  const converter = new PlainConverter(source, document, limits, locator, at, report);
  let value: unknown;
  try {
    value = converter.convert(document.contents, [], undefined);
  } catch (error) {
    if (isStackOverflow(error)) return tooDeep(0);
    throw error;
  }
  return { value: issues.length > 0 ? undefined : value, locator, issues };
}

/** A call-stack overflow (V8: "RangeError: Maximum call stack size exceeded"), or its message. */
function isStackOverflow(error: unknown): boolean {
  const message = error instanceof RangeError ? error.message : typeof error === 'string' ? error : '';
  return /maximum call stack size exceeded|too much recursion/i.test(message);
}

/** What `parseDocument` does after parsing: the first document, and an error if more follow. */
function composeOneDocument(tokens: readonly CST.Token[], sourceLength: number): Document.Parsed {
  const composer = new Composer({ keepSourceTokens: true, uniqueKeys: false, schema: 'core', merge: false });
  let first: Document.Parsed | undefined;
  for (const document of composer.compose(tokens, true, sourceLength)) {
    if (first === undefined) first = document;
    else {
      const [start, end] = document.range;
      first.errors.push(
        new YAMLParseError(
          [start, end],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; use one document per file',
        ),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always ends with a document, even for empty text.
  return first as Document.Parsed;
}

function tooDeepMessage(limits: ResolvedYamlLimits): string {
  return `the document is nested more than ${limits.maxDepth} levels deep here`;
}

class PlainConverter {
  #nodes = 0;
  #stopped = false;
  #lines: string[] | undefined;
  readonly #expanding = new Set<Node>();
  readonly #aliasTargets = new Map<unknown, Node | undefined>();
  /** Offset of the outermost alias being expanded, where an alias bomb is reported. */
  #aliasSite: number | undefined;

  constructor(
    readonly source: string,
    readonly document: Document,
    readonly limits: ResolvedYamlLimits,
    readonly locator: SourceLocator,
    readonly at: (offset: number) => SourcePosition,
    readonly report: (code: SpecIssueCode, offset: number, message: string, suggestion?: string) => void,
  ) {}

  convert(node: unknown, path: SpecPath, keyOffset: number | undefined): unknown {
    if (this.#stopped) return undefined;
    if (node === null || node === undefined) return null;
    const offset = rangeStart(node);
    if (path.length > 0 || keyOffset !== undefined) {
      this.locator.record(path, this.at(offset), keyOffset === undefined ? undefined : this.at(keyOffset));
    } else {
      this.locator.record(path, this.at(offset));
    }
    this.#nodes += 1;
    if (this.#nodes > this.limits.maxNodes) {
      this.#stopped = true;
      this.report(
        'too_many_nodes',
        this.#aliasSite ?? offset,
        `the document expands to more than ${this.limits.maxNodes} values (aliases count each time they are used)`,
        this.#aliasSite === undefined
          ? 'split the pipeline; no pipeline needs this many values'
          : 'remove the repeated aliases (*name); this looks like an alias bomb',
      );
      return undefined;
    }
    if (isAlias(node)) {
      // yaml's resolve() searches the whole document; remember each alias's target.
      if (!this.#aliasTargets.has(node)) this.#aliasTargets.set(node, node.resolve(this.document));
      const target = this.#aliasTargets.get(node);
      if (target === undefined) {
        this.report('yaml_syntax', offset, `alias *${node.source} refers to no anchor`);
        return null;
      }
      if (this.#expanding.has(target)) {
        this.report(
          'alias_cycle',
          offset,
          `alias *${node.source} is used inside its own anchor`,
          'remove the alias',
        );
        return null;
      }
      this.#expanding.add(target);
      const outermost = this.#aliasSite === undefined;
      if (outermost) this.#aliasSite = offset;
      const value = this.convert(target, path, keyOffset);
      if (outermost) this.#aliasSite = undefined;
      this.#expanding.delete(target);
      return value;
    }
    const tag = (node as { tag?: string }).tag;
    if (typeof tag === 'string') {
      this.report(
        'yaml_tag',
        offset,
        `YAML tags are not allowed, found ${shortTag(tag)}`,
        'remove the tag; write the value as plain data (quote it to make it a string)',
      );
      return null;
    }
    if (isScalar(node)) {
      this.#recordLayout(node.type, node.range, path);
      return this.#scalar(node.value, offset);
    }
    if ((isMap(node) || isSeq(node)) && path.length + 1 > this.limits.maxDepth) {
      this.#stopped = true;
      // Through an alias, the place to fix is where the alias is used.
      this.report(
        'nesting_too_deep',
        this.#aliasSite ?? offset,
        tooDeepMessage(this.limits),
        tooDeepSuggestion,
      );
      return undefined;
    }
    if (isMap(node)) return this.#mapping(node.items, path);
    if (isSeq(node)) return node.items.map((item, index) => this.convert(item, [...path, index], undefined));
    this.report('yaml_syntax', offset, 'unsupported YAML node');
    return null;
  }

  #recordLayout(type: string | undefined, range: readonly number[] | null | undefined, path: SpecPath): void {
    if (type === 'PLAIN' || type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
      this.locator.recordLayout(path, { kind: 'inline', quoted: type !== 'PLAIN' });
    } else if (type === 'BLOCK_LITERAL' && range) {
      const header = this.at(range[0] ?? 0);
      this.#lines ??= this.source.split('\n');
      const lines = this.#lines;
      for (let index = header.line; index < lines.length; index++) {
        const line = lines[index] ?? '';
        if (line.trim() === '') continue;
        const indent = line.length - line.trimStart().length;
        this.locator.recordLayout(path, { kind: 'literal-block', firstLine: index + 1, indent });
        return;
      }
    }
  }

  #scalar(value: unknown, offset: number): unknown {
    if (typeof value === 'string' && value.length > this.limits.maxScalarLength) {
      this.report(
        'scalar_too_large',
        offset,
        `this string is ${value.length} characters long, more than the limit of ${this.limits.maxScalarLength}`,
        'move long texts into the input data',
      );
      return null;
    }
    if (typeof value === 'bigint') return Number(value);
    return value;
  }

  #mapping(items: readonly unknown[], path: SpecPath): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key;
      const keyOffset = keyNode === null ? rangeStart(pair.value) : rangeStart(keyNode);
      if (!isScalar(keyNode) || typeof keyNode.value !== 'string' || (keyNode as { tag?: string }).tag) {
        const found = isScalar(keyNode) ? `${typeof keyNode.value} ${String(keyNode.value)}` : 'a collection';
        this.report(
          'non_string_key',
          keyOffset,
          `mapping keys must be plain strings, found ${found}`,
          isScalar(keyNode) ? `quote the key: "${String(keyNode.value)}"` : 'use a plain word as the key',
        );
        continue;
      }
      const key = keyNode.value;
      if (forbiddenKeys.has(key)) {
        this.report(
          'forbidden_key',
          keyOffset,
          `the key "${key}" is not allowed (it could alter JavaScript object prototypes)`,
          'rename the key',
        );
        continue;
      }
      const previous = seen.get(key);
      if (previous !== undefined) {
        const first = this.at(previous);
        this.report(
          'duplicate_key',
          keyOffset,
          `duplicate key "${key}" (first defined at line ${first.line}, column ${first.column})`,
          'remove one of them or merge their values',
        );
        continue;
      }
      seen.set(key, keyOffset);
      const value = this.convert(pair.value, [...path, key], keyOffset);
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return result;
  }
}

function rangeStart(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0] ?? 0;
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
