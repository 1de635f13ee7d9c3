/**
 * Contacts, file paths, quotes and enumerations written in text.
 */
import type { Span } from './find-names.js';

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
