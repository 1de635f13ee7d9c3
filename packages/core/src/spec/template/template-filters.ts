import { TokenflowError } from '../../errors/index.js';
import { templateValueToText } from './template-value-to-text.js';

/** What a filter returns, for checking references at load time. */
export type FilterResult = 'string' | 'integer' | 'same';

/** A named filter: how many arguments it takes, of which types, and what it does. */
export interface TemplateFilter {
  readonly name: string;
  readonly args: readonly ('string' | 'number' | 'any')[];
  /** How many of `args` may be left out (from the end). */
  readonly optionalArgs: number;
  readonly result: FilterResult;
  /** What `{{ x | name }}` means, for documentation and `tokenflow validate`. */
  readonly summary: string;
  apply(value: unknown, args: readonly unknown[]): unknown;
}

function fail(filter: string, expected: string, value: unknown): never {
  const found = Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value;
  throw new TokenflowError('template_render_failed', `filter "${filter}" expects ${expected}, got ${found}`);
}

/** The filters templates may use. There is no way to add code: filters are data transformations. */
export const templateFilters: Readonly<Record<string, TemplateFilter>> = {
  json: {
    name: 'json',
    args: ['number'],
    optionalArgs: 1,
    result: 'string',
    summary: 'the value as JSON; json(2) indents by 2',
    apply: (value, [indent]) =>
      JSON.stringify(value ?? null, null, typeof indent === 'number' ? indent : undefined),
  },
  join: {
    name: 'join',
    args: ['string'],
    optionalArgs: 1,
    result: 'string',
    summary: 'the elements of a list as text, separated by the argument (default ", ")',
    apply: (value, [separator]) => {
      if (value === undefined || value === null) return '';
      if (!Array.isArray(value)) fail('join', 'a list', value);
      return value.map(templateValueToText).join(typeof separator === 'string' ? separator : ', ');
    },
  },
  upper: {
    name: 'upper',
    args: [],
    optionalArgs: 0,
    result: 'string',
    summary: 'the text in upper case',
    apply: (value) => templateValueToText(value).toUpperCase(),
  },
  lower: {
    name: 'lower',
    args: [],
    optionalArgs: 0,
    result: 'string',
    summary: 'the text in lower case',
    apply: (value) => templateValueToText(value).toLowerCase(),
  },
  trim: {
    name: 'trim',
    args: [],
    optionalArgs: 0,
    result: 'string',
    summary: 'the text without leading and trailing white space',
    apply: (value) => templateValueToText(value).trim(),
  },
  truncate: {
    name: 'truncate',
    args: ['number'],
    optionalArgs: 0,
    result: 'string',
    summary: 'the first N characters of the text',
    apply: (value, [length]) => {
      const text = templateValueToText(value);
      const limit = Math.max(0, Math.floor(Number(length)));
      return [...text].slice(0, limit).join('');
    },
  },
  default: {
    name: 'default',
    args: ['any'],
    optionalArgs: 0,
    result: 'same',
    summary: 'the argument when the value is missing, null or empty text',
    apply: (value, [fallback]) => (value === undefined || value === null || value === '' ? fallback : value),
  },
  length: {
    name: 'length',
    args: [],
    optionalArgs: 0,
    result: 'integer',
    summary: 'the number of elements of a list, characters of a text, or fields of an object',
    apply: (value) => {
      if (value === undefined || value === null) return 0;
      if (Array.isArray(value)) return value.length;
      if (typeof value === 'string') return [...value].length;
      if (typeof value === 'object') return Object.keys(value).length;
      return fail('length', 'a list, a text or an object', value);
    },
  },
};
