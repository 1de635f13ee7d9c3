import { suggestFrom } from '../did-you-mean.js';
import type {
  ParsedTemplate,
  TemplateExpression,
  TemplateFilterCall,
  TemplatePart,
  TemplateSyntaxProblem,
} from './template-expression.js';
import { templateFilters } from './template-filters.js';

/** Path segments that could reach object prototypes; refused in every template. */
export const forbiddenPathSegments: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The result of parsing a template: its parts, and every syntax problem found. */
export interface TemplateParseResult {
  readonly template: ParsedTemplate;
  readonly problems: readonly TemplateSyntaxProblem[];
}

/**
 * Parses `Hello {{ input.name | upper }}`. Expressions are data paths (`input.a.b`, `steps.x.list[0]`,
 * `item`) followed by named filters with literal arguments; there is no evaluation of code. `\{{`
 * writes a literal `{{`. Every problem is reported with its offset, and parsing goes on after it.
 */
export function parseTemplate(source: string): TemplateParseResult {
  const parts: TemplatePart[] = [];
  const problems: TemplateSyntaxProblem[] = [];
  let text = '';
  let position = 0;
  while (position < source.length) {
    if (source.startsWith('\\{{', position)) {
      text += '{{';
      position += 3;
      continue;
    }
    if (!source.startsWith('{{', position)) {
      text += source[position];
      position += 1;
      continue;
    }
    const end = source.indexOf('}}', position + 2);
    if (end < 0) {
      problems.push({
        offset: position,
        code: 'invalid_template',
        message: 'a "{{" is never closed',
        suggestion: 'close it with "}}", or write \\{{ for a literal "{{"',
      });
      text += source.slice(position);
      break;
    }
    if (text !== '') parts.push(text);
    text = '';
    const expression = new ExpressionParser(source, position + 2, end, problems).parse();
    if (expression !== undefined) parts.push(expression);
    position = end + 2;
  }
  if (text !== '') parts.push(text);
  return { template: { source, parts }, problems };
}

class ExpressionParser {
  #position: number;

  constructor(
    readonly source: string,
    start: number,
    readonly end: number,
    readonly problems: TemplateSyntaxProblem[],
  ) {
    this.#position = start;
  }

  parse(): TemplateExpression | undefined {
    const count = this.problems.length;
    this.#skipSpaces();
    const offset = this.#position;
    const path = this.#parsePath();
    const filters: TemplateFilterCall[] = [];
    this.#skipSpaces();
    while (path !== undefined && this.#position < this.end && this.source[this.#position] === '|') {
      this.#position += 1;
      this.#skipSpaces();
      const filter = this.#parseFilter();
      if (filter === undefined) break;
      filters.push(filter);
      this.#skipSpaces();
    }
    if (this.problems.length === count && this.#position < this.end) {
      this.#problem(
        `unexpected "${this.source.slice(this.#position, this.end).trim()}" in "{{${this.#text()}}}"`,
      );
    }
    if (path === undefined || this.problems.length > count) return undefined;
    return { path, filters, offset, text: this.#text().trim() };
  }

  #text(): string {
    const start = this.source.lastIndexOf('{{', this.end) + 2;
    return this.source.slice(start, this.end);
  }

  #parsePath(): (string | number)[] | undefined {
    const start = this.#position;
    const root = this.#identifier();
    if (root === undefined) {
      this.#problem(
        `expected a data path such as input.text or steps.<id>.<field> in "{{${this.#text()}}}"`,
        'templates hold data paths and filters only, never code',
      );
      return undefined;
    }
    const path: (string | number)[] = [root];
    while (this.#position < this.end) {
      const char = this.source[this.#position];
      if (char === '.') {
        this.#position += 1;
        const digits = /^\d+/.exec(this.source.slice(this.#position, this.end))?.[0];
        if (digits !== undefined) {
          this.#position += digits.length;
          path.push(Number(digits));
          continue;
        }
        const name = this.#identifier();
        if (name === undefined) {
          this.#problem(`expected a field name after "." in "{{${this.#text()}}}"`);
          return undefined;
        }
        path.push(name);
      } else if (char === '[') {
        const match = /^\[\s*(\d+)\s*\]/.exec(this.source.slice(this.#position, this.end));
        if (match === null) {
          this.#problem(`expected a list index such as [0] in "{{${this.#text()}}}"`);
          return undefined;
        }
        this.#position += match[0].length;
        path.push(Number(match[1]));
      } else {
        break;
      }
    }
    const forbidden = path.find(
      (segment) => typeof segment === 'string' && forbiddenPathSegments.has(segment),
    );
    if (forbidden !== undefined) {
      this.#position = start;
      this.#problem(`"${forbidden}" is not allowed in a template path`, 'name a field of your data');
      return undefined;
    }
    return path;
  }

  #parseFilter(): TemplateFilterCall | undefined {
    const offset = this.#position;
    const name = this.#identifier();
    if (name === undefined) {
      this.#problem(`expected a filter name after "|" in "{{${this.#text()}}}"`);
      return undefined;
    }
    const args: (string | number | boolean | null)[] = [];
    this.#skipSpaces();
    if (this.source[this.#position] === '(') {
      this.#position += 1;
      this.#skipSpaces();
      while (this.#position < this.end && this.source[this.#position] !== ')') {
        const literal = this.#literal();
        if (literal === undefined) return undefined;
        args.push(literal.value);
        this.#skipSpaces();
        if (this.source[this.#position] === ',') {
          this.#position += 1;
          this.#skipSpaces();
        } else if (this.source[this.#position] !== ')') {
          this.#problem(`expected "," or ")" in the arguments of filter "${name}"`);
          return undefined;
        }
      }
      if (this.source[this.#position] !== ')') {
        this.#problem(`the arguments of filter "${name}" are not closed with ")"`);
        return undefined;
      }
      this.#position += 1;
    }
    const filter = templateFilters[name];
    if (filter === undefined || !Object.hasOwn(templateFilters, name)) {
      this.problems.push({
        offset,
        code: 'unknown_filter',
        message: `unknown filter "${name}"`,
        suggestion: suggestFrom(name, Object.keys(templateFilters)) ?? '',
      });
      return undefined;
    }
    const min = filter.args.length - filter.optionalArgs;
    if (args.length < min || args.length > filter.args.length) {
      const expected = min === filter.args.length ? `${min}` : `${min} to ${filter.args.length}`;
      this.problems.push({
        offset,
        code: 'invalid_template',
        message: `filter "${name}" takes ${expected} argument${filter.args.length === 1 ? '' : 's'}, found ${args.length}`,
        suggestion: filter.summary,
      });
      return undefined;
    }
    for (const [index, kind] of filter.args.entries()) {
      const arg = args[index];
      if (arg === undefined || kind === 'any' || typeof arg === kind) continue;
      this.problems.push({
        offset,
        code: 'invalid_template',
        message: `argument ${index + 1} of filter "${name}" must be a ${kind}, found ${JSON.stringify(arg)}`,
        suggestion: filter.summary,
      });
      return undefined;
    }
    return { name, args, offset };
  }

  #literal(): { value: string | number | boolean | null } | undefined {
    const rest = this.source.slice(this.#position, this.end);
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      let value = '';
      for (let index = 1; index < rest.length; index++) {
        const char = rest[index] as string;
        if (char === '\\' && index + 1 < rest.length) {
          const next = rest[index + 1] as string;
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          index += 1;
        } else if (char === quote) {
          this.#position += index + 1;
          return { value };
        } else {
          value += char;
        }
      }
      this.#problem(`a string argument is not closed with ${quote}`);
      return undefined;
    }
    const word = /^(-?\d+(\.\d+)?|true|false|null)/.exec(rest)?.[0];
    if (word === undefined) {
      this.#problem(`expected a quoted text, a number, true, false or null, found "${rest.trim()}"`);
      return undefined;
    }
    this.#position += word.length;
    if (word === 'true' || word === 'false') return { value: word === 'true' };
    if (word === 'null') return { value: null };
    return { value: Number(word) };
  }

  #identifier(): string | undefined {
    const name = /^[A-Za-z_$][A-Za-z0-9_$-]*/.exec(this.source.slice(this.#position, this.end))?.[0];
    if (name !== undefined) this.#position += name.length;
    return name;
  }

  #skipSpaces(): void {
    while (this.#position < this.end && /\s/.test(this.source[this.#position] ?? '')) this.#position += 1;
  }

  #problem(message: string, suggestion?: string): void {
    this.problems.push({
      offset: this.#position,
      code: 'invalid_template',
      message,
      ...(suggestion === undefined ? {} : { suggestion }),
    });
  }
}
