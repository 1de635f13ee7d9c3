import { findAmounts } from './find-amounts.js';
import type { Span } from './find-names.js';

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
 * Whether a line is running prose (a news paragraph that mentions "$7.4 billion") rather than a priced
 * item: more than one sentence, or more than 16 words. Prose amounts are amounts, not record lines.
 */
function isProse(line: string): boolean {
  return /[.!?]\s+\p{Lu}/u.test(line) || line.split(/\s+/).length > 16;
}

/**
 * Lines (or `;`-separated parts) that record one priced item ("2 x Toner cartridge @ $60.00 = $120.00"):
 * they hold a money amount, are not a total, tax or balance line, and are not prose.
 */
export function findRecordLines(text: string): Span[] {
  const lines: Span[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    let partOffset = offset;
    for (const part of line.split(';')) {
      const trimmed = part.trim();
      if (
        trimmed !== '' &&
        findAmounts(trimmed).length > 0 &&
        !summaryLine.test(trimmed) &&
        !isProse(trimmed)
      ) {
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
