import type { Span } from './find-names.js';

/**
 * Typed values written in text: dates, money amounts, numbers, e-mail addresses, URLs, phone
 * numbers, file paths, quoted strings and enumerations ("apple, banana and cherry").
 */

/** A date found in text, with its ISO form (`2024-03-05`). */
export interface DateSpan extends Span {
  iso: string;
}

/** A money amount found in text, with its value and ISO currency when written. */
export interface AmountSpan extends Span {
  value: number;
  currency?: string;
}

/** A number found in text, with its value. */
export interface NumberSpan extends Span {
  value: number;
}

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const monthPattern =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

function monthNumber(name: string): number {
  const lower = name.toLowerCase().slice(0, 3);
  return months.findIndex((month) => month.startsWith(lower)) + 1;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000 || year > 9999) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const datePatterns: { pattern: RegExp; read: (match: RegExpMatchArray) => string | undefined }[] = [
  {
    pattern: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g,
    read: (m) => isoDate(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    pattern: new RegExp(`\\b${monthPattern}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi'),
    read: (m) => isoDate(Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2])),
  },
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${monthPattern},?\\s+(\\d{4})\\b`, 'gi'),
    read: (m) => isoDate(Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1])),
  },
  {
    pattern: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g,
    read: (m) => isoDate(Number(m[3]), Number(m[1]), Number(m[2])),
  },
  {
    pattern: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g,
    read: (m) => isoDate(Number(m[3]), Number(m[2]), Number(m[1])),
  },
  {
    pattern: new RegExp(`\\b${monthPattern}\\s+(\\d{4})\\b`, 'gi'),
    read: (m) => isoDate(Number(m[2]), monthNumber(m[1] ?? ''), 1),
  },
];

/** Dates in text (ISO, "March 5, 2024", "5 March 2024", "03/05/2024", "March 2024"), in order, no overlaps. */
export function findDates(text: string): DateSpan[] {
  const covered = new Coverage();
  const found: DateSpan[] = [];
  for (const { pattern, read } of datePatterns) {
    for (const match of text.matchAll(pattern)) {
      const iso = read(match);
      if (iso === undefined) continue;
      const span = { text: match[0], index: match.index, iso };
      if (!covered.overlaps(span)) {
        found.push(span);
        covered.add(span);
      }
    }
  }
  return found.sort((left, right) => left.index - right.index);
}

/** Which character positions earlier spans cover, for linear-time overlap checks on long texts. */
class Coverage {
  readonly #positions = new Set<number>();

  add(span: Span): void {
    for (let position = span.index; position < span.index + span.text.length; position += 1)
      this.#positions.add(position);
  }

  overlaps(span: Span): boolean {
    for (let position = span.index; position < span.index + span.text.length; position += 1) {
      if (this.#positions.has(position)) return true;
    }
    return false;
  }
}

const currencySymbols: Record<string, string> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₽': 'RUB',
  '₺': 'TRY',
};
const currencyWords: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  yen: 'JPY',
  francs: 'CHF',
  rupees: 'INR',
};
const scaleWords: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
};
const codes = 'USD|EUR|GBP|JPY|CHF|CAD|AUD|CNY|INR|SEK|NOK|DKK|BRL|MXN|KRW|SGD|HKD|NZD|ZAR|RUB|TRY|PLN';
const number = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const scale = '(?:\\s*(thousand|million|billion|trillion|bn|mn|k|m|b)\\b)?';
const amountPattern = new RegExp(
  `(?:([$€£¥₹₩₽₺])\\s?(${number})${scale})|(?:\\b(${codes})\\s?(${number})${scale})|(?:\\b(${number})${scale}\\s*(${codes}|dollars?|euros?|pounds?|yen|francs|rupees)\\b)`,
  'gi',
);

/** Money amounts in text ("$1,200.50", "€3 million", "USD 400", "25 euros"), in order. */
export function findAmounts(text: string): AmountSpan[] {
  const found: AmountSpan[] = [];
  for (const match of text.matchAll(amountPattern)) {
    const [
      whole,
      symbol,
      symbolNumber,
      symbolScale,
      code,
      codeNumber,
      codeScale,
      wordNumber,
      wordScale,
      unit,
    ] = match;
    const digits = symbolNumber ?? codeNumber ?? wordNumber ?? '0';
    const multiplier = scaleWords[(symbolScale ?? codeScale ?? wordScale ?? '').toLowerCase()] ?? 1;
    const currency =
      (symbol === undefined ? undefined : currencySymbols[symbol]) ??
      code?.toUpperCase() ??
      (unit === undefined ? undefined : (currencyWords[unit.toLowerCase()] ?? unit.toUpperCase()));
    found.push({
      text: whole.trim(),
      index: match.index,
      value: Number(digits.replace(/,/g, '')) * multiplier,
      ...(currency === undefined ? {} : { currency }),
    });
  }
  return found;
}

/** Plain numbers in text (with thousands separators, decimals and a sign), in order; dates excluded. */
export function findNumbers(text: string): NumberSpan[] {
  const dateCoverage = new Coverage();
  for (const date of findDates(text)) dateCoverage.add(date);
  const found: NumberSpan[] = [];
  for (const match of text.matchAll(
    /(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])-?\d+(?:\.\d+)?(?![\w]|\.\d)/g,
  )) {
    const span = { text: match[0], index: match.index, value: Number(match[0].replace(/,/g, '')) };
    if (dateCoverage.overlaps(span)) continue;
    found.push(span);
  }
  return found;
}

function findAll(text: string, pattern: RegExp): Span[] {
  return [...text.matchAll(pattern)].map((match) => ({ text: match[0], index: match.index }));
}

/** E-mail addresses. */
export function findEmails(text: string): Span[] {
  return findAll(text, /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g);
}

/** http(s) URLs, without trailing punctuation. */
export function findUrls(text: string): Span[] {
  return findAll(text, /\bhttps?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?]/g);
}

/** Phone numbers such as "+1 (555) 123-4567" or "555-123-4567". */
export function findPhones(text: string): Span[] {
  return findAll(text, /(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,4}\)[\s-]?|\b\d{2,4}[\s-])\d{3}[\s-]\d{3,4}\b/g);
}

const fileExtensions =
  'txt|md|markdown|csv|tsv|json|jsonl|yaml|yml|xml|html|htm|pdf|docx?|xlsx?|pptx?|log|ts|tsx|js|mjs|cjs|py|rb|go|rs|java|c|h|cpp|cs|sh|sql|ini|toml|cfg|conf|env|png|jpe?g|gif|svg|zip';

/** File names and relative paths ("notes/q3-report.md", "data.csv"). */
export function findFilePaths(text: string): Span[] {
  const pattern = new RegExp(
    `(?<![\\w/.-])(?:\\.{0,2}/)?(?:[\\w-]+(?:\\.[\\w-]+)*/)*[\\w-]+(?:\\.[\\w-]+)*\\.(?:${fileExtensions})\\b(?![\\w/-])`,
    'gi',
  );
  const seen = new Set<string>();
  return findAll(text, pattern).filter((span) => {
    if (/^https?:/.test(text.slice(Math.max(0, span.index - 8), span.index)) || seen.has(span.text))
      return false;
    seen.add(span.text);
    return true;
  });
}

/** Text in quotes ("...", '...', “...”, `...`); apostrophes inside words do not open quotes. */
export function findQuoted(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(
    /"([^"\n]{1,200})"|“([^”\n]{1,200})”|`([^`\n]{1,200})`|(?<![\w])'([^'\n]{1,200})'(?![\w])/g,
  )) {
    const inner = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
    if (inner.trim() !== '') found.push({ text: inner, index: match.index + 1 });
  }
  return found;
}

/**
 * The items of the first enumeration in text: "apple, banana and cherry", a list after a colon, or
 * bullet lines. Items are short (at most four words).
 */
export function findEnumeration(text: string): string[] {
  const bullets = [...text.matchAll(/^\s*(?:[-*•]|\d+[.)])\s+(.+)$/gm)].map((match) =>
    (match[1] ?? '').trim(),
  );
  if (bullets.length >= 2) return bullets;
  const afterColon = text.match(/:\s*([^:\n]+)/);
  const candidates = [afterColon?.[1], ...text.split(/[.!?\n]/)].filter(
    (value): value is string => value !== undefined,
  );
  for (const candidate of candidates) {
    const list = candidate.replace(/[.!?]+\s*$/, '');
    if (!list.includes(',') && !/\band\b/.test(list)) continue;
    const items = list
      .split(/\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
    if (items.length >= 2 && items.every((item) => item.split(/\s+/).length <= 4)) return items;
  }
  return [];
}

/** Identifiers such as invoice or order numbers ("INV-2041", "PO 7781", "ORD12", "#4411"). */
export function findIdentifiers(text: string): Span[] {
  const found: Span[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(/\b[A-Z]{2,}[-_ ]?\d[\w-]*\b|#\d{2,}\b|\b\d+[A-Z]{1,3}\d+\b/g)) {
    if (seen.has(match[0])) continue;
    seen.add(match[0]);
    found.push({ text: match[0], index: match.index });
  }
  return found;
}

const summaryLine = /^\s*(sub-?total|total|tax|vat|amount due|balance|grand total|shipping|discount)\b/i;

/**
 * Lines (or `;`-separated parts) that record one priced item ("2 x Toner cartridge @ $60.00 = $120.00"):
 * they hold a money amount and are not a total, tax or balance line.
 */
export function findRecordLines(text: string): Span[] {
  const lines: Span[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    let partOffset = offset;
    for (const part of line.split(';')) {
      const trimmed = part.trim();
      if (trimmed !== '' && findAmounts(trimmed).length > 0 && !summaryLine.test(trimmed)) {
        lines.push({ text: trimmed, index: partOffset + part.indexOf(trimmed) });
      }
      partOffset += part.length + 1;
    }
    offset += line.length + 1;
  }
  return lines;
}

/** What a record line is about: the line without amounts, counts and price punctuation. */
export function describeRecordLine(line: string): string {
  let text = line;
  for (const amount of findAmounts(line)) text = text.replace(amount.text, ' ');
  return text
    .replace(/(?<![\w.])\d+(?:[.,]\d+)?(?![\w])/g, ' ')
    .replace(/(^|\s)(x|×|@|=|at|each|per|unit|units|pcs)(?=\s|$)/gi, ' ')
    .replace(/[-*•:=@,]+\s*$/g, '')
    .replace(/^\s*[-*•]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
