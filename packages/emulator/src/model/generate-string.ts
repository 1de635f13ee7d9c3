import { classifyField, type FieldKind } from './field-kind.js';
import type { Span } from './find-names.js';
import { rolesNear } from './find-roles.js';
import { matchesSchema } from './matches-schema.js';
import { samplePattern } from './sample-pattern.js';
import type { SchemaNode } from './schema-node.js';
import { scoreSentiment } from './score-sentiment.js';
import { contentStems, identifierWords, keyTerms, overlap, splitSentences } from './text-analysis.js';
import { byFocus, claim, isUsed, type Slot, type ValueContext } from './value-context.js';

type StringNode = Extract<SchemaNode, { type: 'string' }>;

const languages = [
  'English',
  'Spanish',
  'French',
  'German',
  'Italian',
  'Portuguese',
  'Dutch',
  'Chinese',
  'Japanese',
  'Korean',
  'Russian',
  'Arabic',
  'Hindi',
  'Polish',
  'Swedish',
  'Turkish',
];
const languageCodes: Record<string, string> = {
  English: 'en',
  Spanish: 'es',
  French: 'fr',
  German: 'de',
  Italian: 'it',
  Portuguese: 'pt',
  Dutch: 'nl',
  Chinese: 'zh',
  Japanese: 'ja',
  Korean: 'ko',
  Russian: 'ru',
  Arabic: 'ar',
  Hindi: 'hi',
  Polish: 'pl',
  Swedish: 'sv',
  Turkish: 'tr',
};

function texts(spans: readonly Span[], slot: Slot): string[] {
  return byFocus(spans, slot.focus).map((span) => span.text);
}

function sentencesAbout(slot: Slot, context: ValueContext): string[] {
  const nameStems = contentStems(identifierWords(slot.name ?? '').join(' '));
  const ranked = byFocus(context.facts.sentences, slot.focus);
  if (nameStems.length === 0 || slot.focus !== undefined) return ranked.map((span) => span.text);
  return ranked
    .map((span, order) => ({ text: span.text, order, score: overlap(nameStems, contentStems(span.text)) }))
    .sort((left, right) => right.score - left.score || left.order - right.order)
    .map((entry) => entry.text);
}

function firstWords(text: string, count: number): string {
  const list = text.split(/\s+/);
  return list.length <= count
    ? text.replace(/[.!?]$/, '')
    : list
        .slice(0, count)
        .join(' ')
        .replace(/[,;:]$/, '');
}

/**
 * Candidate strings for a field kind, best first, drawn from the facts of the request. With `strict`,
 * names of other kinds are not offered as a fallback (used to count the items of an array).
 */
export function stringCandidates(
  kind: FieldKind,
  slot: Slot,
  context: ValueContext,
  strict = false,
): string[] {
  const { facts } = context;
  const names = [...facts.companies, ...facts.people, ...facts.places, ...facts.otherNames];
  switch (kind) {
    case 'company':
      return [...texts(facts.companies, slot), ...(strict ? [] : texts(facts.otherNames, slot))];
    case 'person':
      return [...texts(facts.people, slot), ...(strict ? [] : texts(facts.otherNames, slot))];
    case 'place':
      return [...texts(facts.places, slot), ...(strict ? [] : texts(facts.otherNames, slot))];
    case 'name':
      return texts(names, slot);
    case 'date':
      return byFocus(facts.dates, slot.focus).map((date) => date.iso);
    case 'year':
      return byFocus(facts.dates, slot.focus).map((date) => date.iso.slice(0, 4));
    case 'time':
      return [...facts.text.matchAll(/\b([01]?\d|2[0-3]):[0-5]\d\b/g)].map((match) => match[0]);
    case 'amount':
      return texts(facts.amounts, slot);
    case 'currency':
      return byFocus(facts.amounts, slot.focus).flatMap((amount) =>
        amount.currency === undefined ? [] : [amount.currency],
      );
    case 'email':
      return texts(facts.emails, slot);
    case 'url':
      return texts(facts.urls, slot);
    case 'phone':
      return texts(facts.phones, slot);
    case 'file':
      return facts.files.map((span) => span.text);
    case 'expression':
      return facts.expressions;
    case 'role':
      return rolesNear(slot.focus?.text ?? facts.text, slot.subject);
    case 'title':
      return [...facts.titles, ...facts.summary.slice(0, 1).map((sentence) => firstWords(sentence, 10))];
    case 'summary':
      return [facts.summary.slice(0, 3).join(' '), ...facts.summary];
    case 'answer':
      return [context.answerText()];
    case 'point':
      return strict ? facts.keySentences : [...facts.keySentences, ...sentencesAbout(slot, context)];
    case 'sentence':
      return sentencesAbout(slot, context);
    case 'sentiment': {
      const score = scoreSentiment(slot.focus?.text ?? facts.text);
      return [score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral'];
    }
    case 'language': {
      const found = languages.filter((language) => new RegExp(`\\b${language}\\b`, 'i').test(facts.request));
      const list = found.length > 0 ? found : ['English'];
      return identifierWords(slot.name ?? '').includes('code')
        ? list.map((language) => languageCodes[language] ?? 'en')
        : list;
    }
    case 'search': {
      // A search wants the specific words: a quoted phrase, the names the request mentions, its key terms.
      const requestNames = [...facts.companies, ...facts.people, ...facts.places, ...facts.otherNames]
        .filter((span) => span.index < facts.request.length && facts.request.includes(span.text))
        .map((span) => span.text);
      const terms = keyTerms(facts.request, 6).filter(
        (term) =>
          !/^(file|files|document|documents|folder|mention|mentions|contain|contains|find|search|which|where)$/i.test(
            term,
          ),
      );
      return [...texts(facts.quoted, slot), ...requestNames, terms.slice(0, 2).join(' ')];
    }
    case 'query': {
      // A quoted phrase, else the request itself when it is one short sentence, else its key terms.
      const request = facts.request.trim();
      const short = request.split(/\s+/).length <= 30 && splitSentences(request).length <= 2 ? [request] : [];
      return [...texts(facts.quoted, slot), ...short, facts.keyTerms.slice(0, 5).join(' ')];
    }
    case 'item':
      if (strict && facts.enumeration.length > 0) return facts.enumeration;
      return [...facts.enumeration, ...texts(facts.quoted, slot), ...facts.keyTerms];
    case 'category':
    case 'keyword':
      return facts.keyTerms;
    case 'id':
      return [
        ...texts(facts.identifiers, slot),
        ...facts.keyTerms.slice(0, 3).map((term) => term.toLowerCase().replace(/[^a-z0-9]+/g, '-')),
      ];
    default:
      return [
        ...texts(facts.quoted, slot),
        ...sentencesAbout(slot, context).slice(0, 3),
        facts.keyTerms.slice(0, 4).join(' '),
      ];
  }
}

function formatCandidates(node: StringNode, slot: Slot, context: ValueContext): string[] | undefined {
  const { facts } = context;
  switch (node.format) {
    case 'date':
      return byFocus(facts.dates, slot.focus).map((date) => date.iso);
    case 'date-time':
      return byFocus(facts.dates, slot.focus).map((date) => `${date.iso}T00:00:00Z`);
    case 'email':
      return texts(facts.emails, slot);
    case 'uri':
    case 'url':
      return texts(facts.urls, slot);
    case 'uuid': {
      const hex = [...(slot.name ?? 'id')]
        .map((char) => char.charCodeAt(0).toString(16))
        .join('')
        .padEnd(32, '0')
        .slice(0, 32);
      return [
        `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`,
      ];
    }
    default:
      return undefined;
  }
}

/** Whether a kind's values only come from the text (no sensible invented fallback). */
export function isEntityKind(kind: FieldKind): boolean {
  return [
    'company',
    'person',
    'place',
    'date',
    'year',
    'time',
    'amount',
    'currency',
    'email',
    'url',
    'phone',
    'file',
    'expression',
    'role',
  ].includes(kind);
}

/** Values for formats the text did not supply; plainly placeholders, as a model would write. */
const formatDefaults: Record<string, string> = {
  date: '2025-01-01',
  'date-time': '2025-01-01T00:00:00Z',
  time: '09:00:00',
  email: 'info@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
};

function fitLength(value: string, node: StringNode): string {
  let result = value;
  if (node.maxLength !== undefined && [...result].length > node.maxLength)
    result = [...result].slice(0, node.maxLength).join('').trimEnd();
  if (node.minLength !== undefined && [...result].length < node.minLength)
    result = result.padEnd(node.minLength, result === '' ? 'x' : '.');
  return result;
}

/**
 * A string for a schema string node: the forced value of an array item, else the first candidate of
 * the field's kind (or of its `format`) that fits the node and was not used yet, else a value built
 * from the pattern or format, else the request's key terms.
 */
export function generateString(node: StringNode, slot: Slot, context: ValueContext): string | undefined {
  const classified = classifyField(slot.name, node.description ?? slot.description, slot.parentName);
  // A string named like a number ("invoiceNumber", "orderNo") is an identifier.
  const kind = classified === 'quantity' ? 'id' : classified;
  const candidates = [
    ...(slot.forced === undefined ? [] : [slot.forced]),
    ...(formatCandidates(node, slot, context) ?? stringCandidates(kind, slot, context)),
  ].filter((candidate) => candidate.trim() !== '');
  // First a value not used yet (distinct array items and siblings), then any that fits.
  for (const requireUnused of [true, false]) {
    for (const candidate of candidates) {
      const value = fitLength(candidate, node);
      if (!matchesSchema(value, node)) continue;
      if (requireUnused && value !== slot.forced && isUsed(context, kind, value)) continue;
      claim(context, kind, value);
      return value;
    }
  }
  const formatDefault = node.format === undefined ? undefined : formatDefaults[node.format];
  if (formatDefault !== undefined && matchesSchema(fitLength(formatDefault, node), node))
    return fitLength(formatDefault, node);
  const sample = node.pattern === undefined ? undefined : samplePattern(node.pattern);
  if (sample !== undefined && matchesSchema(fitLength(sample, node), node)) return fitLength(sample, node);
  const fallback = fitLength(context.facts.keyTerms.slice(0, 3).join(' ') || 'unknown', node);
  return matchesSchema(fallback, node) ? fallback : undefined;
}
