import { findExpressions } from './arithmetic.js';
import { type AmountSpan, findAmounts, findNumbers, type NumberSpan } from './find-amounts.js';
import { type DateSpan, findDates } from './find-dates.js';
import { classifyName, findCapitalizedPhrases, type Span } from './find-names.js';
import { findIdentifiers, findRecordLines } from './find-records.js';
import {
  findEmails,
  findEnumeration,
  findFilePaths,
  findPhones,
  findQuoted,
  findUrls,
} from './find-values.js';
import { splitInstruction } from './split-instruction.js';
import { summarizeText } from './summarize-text.js';
import { synthesizeExpression } from './synthesize-expression.js';
import { contentStems, keyTerms, overlap, splitSentences } from './text-analysis.js';

/** Everything the model can quote from its input, found once per request. */
export interface Facts {
  /** All material (request, earlier turns, function results). */
  text: string;
  /** The request of the current turn. */
  request: string;
  companies: Span[];
  people: Span[];
  places: Span[];
  /** Capitalised phrases that are none of the above. */
  otherNames: Span[];
  dates: DateSpan[];
  amounts: AmountSpan[];
  numbers: NumberSpan[];
  emails: Span[];
  urls: Span[];
  phones: Span[];
  /** File paths, the ones sharing words with the request first. */
  files: Span[];
  quoted: Span[];
  expressions: string[];
  /** Identifiers such as invoice numbers. */
  identifiers: Span[];
  /** Lines that record one priced item (invoice lines). */
  recordLines: Span[];
  /** Title-like quoted phrases and headings. */
  titles: string[];
  /** The document's key sentences (3 to 8), for list fields such as key points. */
  keySentences: string[];
  enumeration: string[];
  sentences: Span[];
  /** Extractive summary of the material, in order. */
  summary: string[];
  keyTerms: string[];
}

function distinct(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans.filter((span) => {
    const key = span.text.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let cursor = 0;
  for (const sentence of splitSentences(text)) {
    const probe = sentence.slice(0, 20);
    const found = text.indexOf(probe, cursor);
    const index = found >= 0 ? found : cursor;
    spans.push({ text: sentence, index });
    cursor = index + Math.min(sentence.length, 1);
  }
  return spans;
}

/**
 * Finds the facts of a request: names by kind, dates, amounts, numbers, contacts, files, quotes,
 * expressions, the first enumeration, sentences, an extractive summary and key terms.
 * `material` is what values may be drawn from; `request` is what the user asked.
 */
export function extractFacts(material: string, request: string, intent: RegExp): Facts {
  const names = { company: [] as Span[], person: [] as Span[], place: [] as Span[], other: [] as Span[] };
  for (const span of findCapitalizedPhrases(material)) {
    const kind = classifyName(span, material);
    // A lone capitalised word opening a sentence ("Analysts", "Extract") is usually not a name.
    const opensSentence = /(^|[.!?:]\s+|\n\s*)$/.test(
      material.slice(Math.max(0, span.index - 3), span.index),
    );
    if (kind === 'other' && opensSentence && !span.text.includes(' ')) continue;
    names[kind].push(span);
  }
  const requestStems = contentStems(request);
  const files = findFilePaths(material)
    .map((span, order) => ({
      span,
      order,
      score: overlap(contentStems(span.text.replace(/[/._-]/g, ' ')), requestStems),
    }))
    .sort((left, right) => right.score - left.score || left.order - right.order)
    .map((entry) => entry.span);
  const { document } = splitInstruction(material, intent);
  const source = document === '' ? material : document;
  const synthesized = synthesizeExpression(request, material.replace(request, ' '));
  return {
    text: material,
    request,
    companies: distinct(names.company),
    people: distinct(names.person),
    places: distinct(names.place),
    otherNames: distinct(names.other),
    dates: findDates(material),
    amounts: findAmounts(material),
    numbers: findNumbers(material),
    emails: distinct(findEmails(material)),
    urls: distinct(findUrls(material)),
    phones: distinct(findPhones(material)),
    files,
    quoted: distinct(findQuoted(material)),
    expressions: [
      ...new Set([
        ...findExpressions(request),
        ...(synthesized === undefined ? [] : [synthesized]),
        ...findExpressions(material),
      ]),
    ],
    enumeration: findEnumeration(request),
    identifiers: findIdentifiers(material),
    recordLines: findRecordLines(material),
    titles: findTitles(material, request),
    keySentences: summarizeText(source, {
      sentences: Math.min(8, Math.max(3, Math.round(splitSentences(source).length / 3))),
    }),
    sentences: sentenceSpans(material),
    summary: summarizeText(source),
    keyTerms: keyTerms(material, 12),
  };
}

/**
 * Title candidates: a quoted phrase in Title Case in the request ("The History of the Lighthouse"),
 * then a first line that reads as a heading (short, no final period).
 */
function findTitles(material: string, request: string): string[] {
  const titles: string[] = [];
  for (const match of request.matchAll(/["“]([^"”\n]{3,80})["”]/g)) {
    const phrase = match[1] ?? '';
    const wordsOfPhrase = phrase.split(/\s+/);
    const capitalised = wordsOfPhrase.filter((word) => /^[A-Z0-9]/.test(word)).length;
    if (wordsOfPhrase.length >= 2 && capitalised >= Math.ceil(wordsOfPhrase.length / 2)) titles.push(phrase);
  }
  const firstLine =
    material
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim()
      .replace(/^#+\s*/, '') ?? '';
  if (firstLine.length <= 80 && !/[.!?:]$/.test(firstLine)) titles.push(firstLine);
  return titles;
}
