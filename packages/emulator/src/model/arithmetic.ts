/**
 * Arithmetic the model can do exactly: find an expression in a prompt ("12 * 7", "add 2 and 3",
 * "15% of 240") and evaluate it with a small recursive-descent parser (no `eval`).
 */

// A number is digits with optional thousands separators ("1,200") and decimals; a comma that ends a
// clause ("12 x 7, then") is not part of it.
const operand = '\\(?-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?\\)?';
const symbolExpression = new RegExp(`${operand}(?:\\s*[-+*/×÷x^%]\\s*${operand})+`, 'g');

const wordPatterns: { pattern: RegExp; build: (a: string, b: string) => string }[] = [
  {
    pattern: /\b(?:add|sum(?: of)?)\s+(-?\d+(?:\.\d+)?)\s+(?:and|to|with|plus)\s+(-?\d+(?:\.\d+)?)/i,
    build: (a, b) => `${a} + ${b}`,
  },
  { pattern: /(-?\d+(?:\.\d+)?)\s+plus\s+(-?\d+(?:\.\d+)?)/i, build: (a, b) => `${a} + ${b}` },
  { pattern: /(-?\d+(?:\.\d+)?)\s+minus\s+(-?\d+(?:\.\d+)?)/i, build: (a, b) => `${a} - ${b}` },
  { pattern: /\bsubtract\s+(-?\d+(?:\.\d+)?)\s+from\s+(-?\d+(?:\.\d+)?)/i, build: (a, b) => `${b} - ${a}` },
  {
    pattern: /(-?\d+(?:\.\d+)?)\s+(?:times|multiplied by)\s+(-?\d+(?:\.\d+)?)/i,
    build: (a, b) => `${a} * ${b}`,
  },
  {
    pattern: /\bmultiply\s+(-?\d+(?:\.\d+)?)\s+(?:by|and|with)\s+(-?\d+(?:\.\d+)?)/i,
    build: (a, b) => `${a} * ${b}`,
  },
  { pattern: /\bproduct of\s+(-?\d+(?:\.\d+)?)\s+and\s+(-?\d+(?:\.\d+)?)/i, build: (a, b) => `${a} * ${b}` },
  { pattern: /(-?\d+(?:\.\d+)?)\s+divided by\s+(-?\d+(?:\.\d+)?)/i, build: (a, b) => `${a} / ${b}` },
  { pattern: /\bdivide\s+(-?\d+(?:\.\d+)?)\s+by\s+(-?\d+(?:\.\d+)?)/i, build: (a, b) => `${a} / ${b}` },
  {
    pattern: /(\d+(?:\.\d+)?)\s*(?:%|percent)\s+of\s+(-?\d+(?:\.\d+)?)/i,
    build: (a, b) => `${a} / 100 * ${b}`,
  },
];

/**
 * Every arithmetic expression written in a text, normalised (`12 x 7` becomes `12 * 7`), in order.
 * Symbol expressions ("3 + 4 * 2") and the common word forms ("add 2 and 3", "6 times 7") are found.
 */
export function findExpressions(text: string): string[] {
  const found: { index: number; expression: string }[] = [];
  for (const match of text.matchAll(symbolExpression)) {
    const expression = normalizeExpression(match[0]);
    if (!/\d\s*[-+*/^%]\s*\(?-?\d/.test(expression) || isDateLike(match[0])) continue;
    if (evaluateExpression(expression) !== undefined) found.push({ index: match.index, expression });
  }
  for (const { pattern, build } of wordPatterns) {
    const global = new RegExp(pattern.source, 'gi');
    for (const match of text.matchAll(global)) {
      const [, a, b] = match;
      if (a !== undefined && b !== undefined) found.push({ index: match.index, expression: build(a, b) });
    }
  }
  return found.sort((left, right) => left.index - right.index).map((entry) => entry.expression);
}

function isDateLike(text: string): boolean {
  return /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(text.trim());
}

function normalizeExpression(text: string): string {
  return text
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/[×x]/g, '*')
    .replace(/÷/g, '/')
    .replace(/\s*([-+*/^%])\s*/g, ' $1 ')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/^\s+|\s+$/g, '')
    .replace(/([-+*/^%]) - (\d)/g, '$1 -$2')
    .replace(/^- (\d)/, '-$1');
}

/**
 * Evaluates `+ - * / % ^` and parentheses over decimal numbers.
 *
 * @returns the value, or undefined when the text is not a well-formed finite expression.
 * @example evaluateExpression('(2 + 3) * 4') // 20
 */
export function evaluateExpression(expression: string): number | undefined {
  const matched = expression.match(/\d+(?:\.\d+)?|[-+*/%^()]/g);
  if (matched === null || matched.join('') !== expression.replace(/\s+/g, '')) return undefined;
  const tokens: string[] = matched;
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const parsePrimary = (): number | undefined => {
    const token = tokens[position];
    position += 1;
    if (token === '-') {
      const value = parsePower();
      return value === undefined ? undefined : -value;
    }
    if (token === '(') {
      const value = parseSum();
      if (tokens[position] !== ')') return undefined;
      position += 1;
      return value;
    }
    return token !== undefined && /^\d/.test(token) ? Number(token) : undefined;
  };
  const parsePower = (): number | undefined => {
    const base = parsePrimary();
    if (base === undefined || peek() !== '^') return base;
    position += 1;
    const exponent = parsePower();
    return exponent === undefined ? undefined : base ** exponent;
  };
  const parseProduct = (): number | undefined => {
    let value = parsePower();
    while (value !== undefined && (peek() === '*' || peek() === '/' || peek() === '%')) {
      const operator = tokens[position];
      position += 1;
      const right = parsePower();
      if (right === undefined) return undefined;
      value = operator === '*' ? value * right : operator === '/' ? value / right : value % right;
    }
    return value;
  };
  function parseSum(): number | undefined {
    let value = parseProduct();
    while (value !== undefined && (peek() === '+' || peek() === '-')) {
      const operator = tokens[position];
      position += 1;
      const right = parseProduct();
      if (right === undefined) return undefined;
      value = operator === '+' ? value + right : value - right;
    }
    return value;
  }
  const result = parseSum();
  if (result === undefined || position !== tokens.length || !Number.isFinite(result)) return undefined;
  return result;
}

/** Formats a computed number the way a person would write it (no float noise, at most 6 decimals). */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number.parseFloat(value.toFixed(6)));
}
