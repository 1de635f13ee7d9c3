import { suggestFrom } from './did-you-mean.js';
import type { PathIssue } from './path-issue.js';
import type { JsonSchemaSpec, TypeNotation } from './pipeline-spec.js';
import type { SpecPath } from './source-locator.js';

const primitives: Readonly<Record<string, JsonSchemaSpec>> = {
  string: { type: 'string' },
  number: { type: 'number' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  null: { type: 'null' },
  any: {},
};

/** The result of reading a compact type: a JSON Schema, and what was wrong (empty when fine). */
export interface TypeNotationResult {
  readonly schema: JsonSchemaSpec;
  readonly issues: readonly PathIssue[];
}

/**
 * Reads the compact type notation into a JSON Schema.
 *
 * - `string`, `number`, `integer`, `boolean`, `null`, `any`
 * - `"string[]"` (arrays, nestable: `"number[][]"`), `[ { name: string } ]` (an array of that type)
 * - `"positive|neutral|negative"`: a string enum; `"string|null"`: a union; `"(a|b)[]"`: grouping;
 *   quote a literal that is also a type name: `"'string'|'number'"`
 * - a mapping `{ title: string, amount?: number }`: an object; `?` after a key makes it optional, every
 *   other key is required, and no other keys are allowed.
 *
 * `path` locates issues in the file. `openTopLevel` lets the top-level object have other fields too
 * (input rows often carry columns the pipeline does not use).
 */
export function typeNotationToJsonSchema(
  notation: TypeNotation,
  path: SpecPath,
  options: { readonly openTopLevel?: boolean } = {},
): TypeNotationResult {
  const issues: PathIssue[] = [];
  const schema = convert(notation, path, issues);
  if (options.openTopLevel === true && schema.type === 'object') {
    const { additionalProperties: _closed, ...open } = schema;
    return { schema: open, issues };
  }
  return { schema, issues };
}

function convert(notation: TypeNotation, path: SpecPath, issues: PathIssue[]): JsonSchemaSpec {
  if (typeof notation === 'string') return parseTypeString(notation, path, issues);
  if (Array.isArray(notation)) {
    if (notation.length !== 1) {
      issues.push({
        path,
        code: 'invalid_type_notation',
        message: `an array type is written as a list of exactly one element type, found ${notation.length} elements`,
        suggestion: 'write [ { field: type } ] or "type[]"',
      });
      return { type: 'array' };
    }
    return { type: 'array', items: convert(notation[0] as TypeNotation, [...path, 0], issues) };
  }
  const properties: Record<string, JsonSchemaSpec> = {};
  const required: string[] = [];
  for (const [rawKey, value] of Object.entries(notation as Record<string, TypeNotation>)) {
    const optional = rawKey.endsWith('?');
    const key = optional ? rawKey.slice(0, -1) : rawKey;
    if (key === '' || Object.hasOwn(properties, key)) {
      issues.push({
        path: [...path, rawKey],
        at: 'key',
        code: 'invalid_type_notation',
        message: key === '' ? 'a field name cannot be empty' : `field "${key}" is declared twice`,
      });
      continue;
    }
    properties[key] = convert(value, [...path, rawKey], issues);
    if (!optional) required.push(key);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

function parseTypeString(text: string, path: SpecPath, issues: PathIssue[]): JsonSchemaSpec {
  const fail = (message: string, suggestion?: string): JsonSchemaSpec => {
    issues.push({
      path,
      code: 'invalid_type_notation',
      message,
      ...(suggestion === undefined ? {} : { suggestion }),
    });
    return {};
  };
  const parser = new TypeStringParser(text.trim());
  try {
    const result = parser.parseUnion();
    if (!parser.done()) return fail(`unexpected "${parser.rest()}" in type "${text}"`);
    return toSchema(result, fail);
  } catch (error) {
    return fail(`cannot read type "${text}": ${(error as Error).message}`);
  }
}

type TypeTree =
  | { kind: 'name'; name: string }
  | { kind: 'literal'; value: string }
  | { kind: 'array'; of: TypeTree }
  | { kind: 'union'; options: TypeTree[] };

class TypeStringParser {
  #position = 0;
  constructor(readonly text: string) {}

  done(): boolean {
    this.#skipSpaces();
    return this.#position >= this.text.length;
  }

  rest(): string {
    return this.text.slice(this.#position);
  }

  parseUnion(): TypeTree {
    const options = [this.#parsePostfix()];
    while (this.#eat('|')) options.push(this.#parsePostfix());
    return options.length === 1 ? (options[0] as TypeTree) : { kind: 'union', options };
  }

  #parsePostfix(): TypeTree {
    let tree = this.#parseAtom();
    while (this.#eat('[')) {
      if (!this.#eat(']')) throw new Error('expected "]" after "["');
      tree = { kind: 'array', of: tree };
    }
    return tree;
  }

  #parseAtom(): TypeTree {
    this.#skipSpaces();
    if (this.#eat('(')) {
      const inner = this.parseUnion();
      if (!this.#eat(')')) throw new Error('expected ")"');
      return inner;
    }
    const quote = this.text[this.#position];
    if (quote === '"' || quote === "'") {
      const end = this.text.indexOf(quote, this.#position + 1);
      if (end < 0) throw new Error(`unclosed ${quote}`);
      const value = this.text.slice(this.#position + 1, end);
      this.#position = end + 1;
      return { kind: 'literal', value };
    }
    const match = /^[^|()[\]"']+/.exec(this.text.slice(this.#position));
    const word = match?.[0].trim() ?? '';
    if (word === '') throw new Error(`expected a type at "${this.rest() || 'the end'}"`);
    this.#position += match?.[0].length ?? 0;
    return { kind: 'name', name: word };
  }

  #eat(char: string): boolean {
    this.#skipSpaces();
    if (this.text[this.#position] !== char) return false;
    this.#position += 1;
    return true;
  }

  #skipSpaces(): void {
    while (this.text[this.#position] === ' ') this.#position += 1;
  }
}

function toSchema(tree: TypeTree, fail: (message: string, suggestion?: string) => JsonSchemaSpec) {
  const convertTree = (node: TypeTree, inUnion: boolean): JsonSchemaSpec => {
    switch (node.kind) {
      case 'array':
        return { type: 'array', items: convertTree(node.of, false) };
      case 'literal':
        return { type: 'string', enum: [node.value] };
      case 'name': {
        const primitive = primitives[node.name];
        if (primitive !== undefined) return primitive;
        if (inUnion) return { type: 'string', enum: [node.name] };
        return fail(
          `unknown type "${node.name}" (expected string, number, integer, boolean, null, any, "type[]", "a|b" or a mapping of fields)`,
          suggestFrom(
            node.name,
            Object.keys(primitives),
            'for a single allowed value write it quoted: "\'value\'"',
          ),
        );
      }
      case 'union': {
        const parts = node.options.map((option) => convertTree(option, true));
        const literals = parts
          .filter((part) => Array.isArray(part.enum))
          .flatMap((part) => part.enum as unknown[]);
        const others = parts.filter((part) => !Array.isArray(part.enum));
        const merged: JsonSchemaSpec[] = literals.length > 0 ? [{ type: 'string', enum: literals }] : [];
        merged.push(...others);
        if (merged.length === 1) return merged[0] as JsonSchemaSpec;
        return { anyOf: merged };
      }
    }
  };
  return convertTree(tree, false);
}
