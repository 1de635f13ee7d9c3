import type { Span } from './find-names.js';
import { Coverage } from './span-coverage.js';

/** A date found in text, with its ISO form (`2024-03-05`). */
export interface DateSpan extends Span {
  iso: string;
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
