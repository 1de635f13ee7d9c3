import type { FunctionDeclaration } from '../wire/types.js';
import { findExpressions } from './arithmetic.js';
import { contentStems, identifierWords, stem, stemmedWords, words } from './text-analysis.js';

/** How well a function declaration fits a request, and the words that made it fit. */
export interface DeclarationScore {
  declaration: FunctionDeclaration;
  score: number;
  /** Stems and concepts of the request this declaration matched (to tell parallel tools apart). */
  matched: Set<string>;
  /** Its description forbids calling it together with other tools. */
  exclusive: boolean;
  /** Concepts its name and description belong to ("math", "read", "list"...). */
  concepts: Set<string>;
  /** Word index of the first request word it matched ("fetch and store": fetch first); ties break on it. */
  position: number;
}

/** A request must score at least this for an AUTO/VALIDATED call. */
export const callThreshold = 4;

/** Concepts of tools with side effects: called only when the request itself asks for that effect. */
export const sideEffectConcepts: readonly string[] = ['write', 'mail'];

/** Concepts of tools that gather information (an agent's first step when the prompt lacks it). */
export const informationConcepts: readonly string[] = ['list', 'search', 'read', 'fetch'];

/** Concepts a request and a tool can share through different words ("add" and "sum"). */
const concepts: Record<string, readonly string[]> = {
  math: [
    'add',
    'plus',
    'sum',
    'total',
    'calculat',
    'calculator',
    'compute',
    'math',
    'arithmetic',
    'multiply',
    'multipli',
    'times',
    'product',
    'divid',
    'subtract',
    'minus',
    'evaluat',

    'equation',
    'percent',
    'average',
  ],
  read: ['read', 'open', 'view', 'show', 'content', 'cat', 'display', 'inside', 'say', 'mention', 'contain'],
  list: ['list', 'director', 'folder', 'ls', 'brows', 'available', 'files', 'document', 'docs', 'workspace'],
  search: ['search', 'find', 'grep', 'lookup', 'locat', 'query', 'mention'],
  write: ['writ', 'write', 'save', 'stor', 'store', 'creat', 'record', 'persist'],
  fetch: ['fetch', 'get', 'download', 'retriev', 'load', 'pull'],
  weather: ['weather', 'forecast', 'temperatur', 'rain', 'sunny'],
  translate: ['translat', 'translator', 'translation'],
  mail: ['email', 'mail', 'send', 'notify'],
  time: ['time', 'date', 'today', 'now', 'clock'],
};

const genericNameWords = new Set([
  'get',
  'set',
  'do',
  'run',
  'make',
  'tool',
  'call',
  'fn',
  'function',
  'api',
  'default',
  'agent',
  'data',
  'info',
]);

/** Concepts of one word, memoised: a long request repeats the same few thousand words. */
const wordConcepts = new Map<string, readonly string[]>();
const maxMemoisedWords = 50_000;

function conceptsOfWord(word: string): readonly string[] {
  const known = wordConcepts.get(word);
  if (known !== undefined) return known;
  const found = Object.entries(concepts)
    .filter(([, members]) =>
      members.some((member) => word === member || (member.length >= 4 && word.startsWith(member))),
    )
    .map(([concept]) => concept);
  if (wordConcepts.size >= maxMemoisedWords) wordConcepts.clear();
  wordConcepts.set(word, found);
  return found;
}

function conceptsOf(stems: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const word of new Set(stems)) for (const concept of conceptsOfWord(word)) found.add(concept);
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Scores a declaration against the request text (see `src/model/README.md`): its name written in the
 * request scores 10; each word of its name found in the request 3 (generic words such as "get" 1); each
 * shared description word 1 (at most 4); each shared concept ("add" ~ "sum") 2; arithmetic in the request
 * for a math tool 4; a file path in the request for a tool with a file parameter 3; its name in the system
 * instruction 2.
 */
export function scoreDeclaration(
  declaration: FunctionDeclaration,
  request: string,
  systemText: string,
): DeclarationScore {
  const name = declaration.name ?? '';
  const description = declaration.description ?? '';
  const requestStems = new Set(stemmedWords(request));
  const matched = new Set<string>();
  let score = 0;
  const spaced = identifierWords(name).join('[\\s_-]+');
  if (name !== '' && new RegExp(`(?<![\\w])(${escapeRegExp(name)}|${spaced})(?![\\w])`, 'i').test(request)) {
    score += 10;
    matched.add(`name:${name}`);
  }
  for (const word of identifierWords(name)) {
    const wordStem = stem(word);
    if (word.length < 2 || !requestStems.has(wordStem)) continue;
    score += genericNameWords.has(word) ? 1 : 3;
    matched.add(wordStem);
  }
  let descriptionHits = 0;
  for (const word of new Set(contentStems(description))) {
    if (requestStems.has(word) && descriptionHits < 4) {
      descriptionHits += 1;
      score += 1;
      matched.add(word);
    }
  }
  const declarationConcepts = conceptsOf([...identifierWords(name).map(stem), ...contentStems(description)]);
  for (const concept of conceptsOf([...words(request), ...requestStems])) {
    if (declarationConcepts.has(concept)) {
      score += 2;
      matched.add(`concept:${concept}`);
    }
  }
  if (declarationConcepts.has('math') && findExpressions(request).length > 0) score += 4;
  // A file name in the request calls for a tool that takes one: 4 when the path is required (it reads
  // that file), 3 when optional (it works on a folder).
  const fileParameter = filePathParameter(declaration);
  if (fileParameter !== undefined && /[\w-]+\.[a-z]{2,5}\b/i.test(request))
    score += fileParameter === 'required' ? 4 : 3;
  if (name !== '' && new RegExp(`(?<![\\w])${escapeRegExp(name)}(?![\\w])`).test(systemText)) score += 2;
  const exclusive = /\b(do not|don't|never)\s+call\s+(this\s+tool\s+)?in\s+parallel/i.test(description);
  // Where the request first mentions this tool: its name, else the first word (or concept) it matched.
  const requestWords = stemmedWords(request);
  const firstMatch = requestWords.findIndex(
    (word) => matched.has(word) || conceptsOfWord(word).some((concept) => matched.has(`concept:${concept}`)),
  );
  const position = matched.has(`name:${name}`) ? -1 : firstMatch < 0 ? Number.MAX_SAFE_INTEGER : firstMatch;
  return { declaration, score, matched, exclusive, concepts: declarationConcepts, position };
}

function filePathParameter(declaration: FunctionDeclaration): 'required' | 'optional' | undefined {
  const schema = (declaration.parametersJsonSchema ?? declaration.parameters ?? {}) as {
    properties?: Record<string, unknown>;
    required?: unknown;
  };
  const names = Object.keys(schema.properties ?? {}).filter((name) =>
    /^(path|file|filename|file_path|filepath)$/i.test(name),
  );
  if (names.length === 0) return undefined;
  const required = Array.isArray(schema.required) ? schema.required : [];
  return names.some((name) => required.includes(name)) ? 'required' : 'optional';
}
