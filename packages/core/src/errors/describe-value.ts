/**
 * The words a message uses for kinds of values: `javascript` for values from code (`an array of 3 items`,
 * `an object with keys a, b`, `"x" (string)`), `yaml` for values read from a pipeline file, named as its
 * author wrote them (`a list of 3`, `a mapping`, `"x" (a string)`, `nothing`).
 */
export type ValueVocabulary = 'javascript' | 'yaml';

/** Longest string a description quotes; longer ones are cut with `...`. */
const maxQuotedChars = 60;

/**
 * A short, safe description of a found value for error messages, in one of two vocabularies (see
 * {@link ValueVocabulary}). Strings are quoted and cut to 60 characters; objects show at most five keys
 * (`javascript`) or none (`yaml`), never their values.
 */
export function describeValue(value: unknown, vocabulary: ValueVocabulary = 'javascript'): string {
  const yaml = vocabulary === 'yaml';
  if (value === undefined) return yaml ? 'nothing' : 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (yaml) return `a list of ${value.length}`;
    return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  const type = typeof value;
  switch (type) {
    case 'string': {
      const text = value as string;
      const shown = text.length > maxQuotedChars ? `${text.slice(0, maxQuotedChars - 3)}...` : text;
      return `${JSON.stringify(shown)} (${yaml ? 'a ' : ''}string)`;
    }
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'symbol':
      return `${String(value)} (${yaml ? 'a ' : ''}${type})`;
    case 'function':
      return 'a function';
    case 'object': {
      if (yaml) return 'a mapping';
      const keys = Object.keys(value as object);
      const shown = keys.slice(0, 5).join(', ');
      return keys.length === 0
        ? 'an empty object'
        : `an object with keys ${shown}${keys.length > 5 ? ', ...' : ''}`;
    }
    case 'undefined':
      return yaml ? 'nothing' : 'undefined';
    default:
      return assertNever(type);
  }
}

function assertNever(value: never): never {
  throw new TypeError(`describeValue: unexpected typeof ${String(value)}`);
}
