/**
 * Word-level helpers the deterministic model reasons with: sentences, content words, light stemming.
 */

const stopWordList =
  'a an the and or but if then else of to in on at by for with from into onto about as is are was were be been being am do does did done have has had having it its this that these those there here i me my we our you your he him his she her they them their what which who whom whose when where why how can could would should will shall may might must not no yes so than too very just also only please tell give show let make get use using via per each both all any some such own same other more most less few many much up down out over under again once one two me us than like want need know think see say said says'.split(
    ' ',
  );

/** Common English function words (and request filler) that carry no topic. */
export const stopWords: ReadonlySet<string> = new Set(stopWordList);

/** Splits text into sentences, keeping each sentence's own text (trimmed); list items count as sentences. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const block of text.split(/\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)/)) {
    const flat = block.replace(/\s+/g, ' ').trim();
    if (flat === '') continue;
    // A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote; abbreviations
    // such as "e.g." or "Inc." followed by a lower-case word do not end one.
    const pieces = flat.split(/(?<=[.!?]["')\]]?)\s+(?=["'([]?[\p{Lu}\d])/u);
    for (const piece of pieces) {
      const sentence = piece.trim();
      if (sentence !== '') sentences.push(sentence);
    }
  }
  return sentences;
}

/** Lowercase words of a text (letters, digits, inner apostrophes and hyphens). */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{Nd}]+(?:['’-][\p{L}\p{Nd}]+)*/gu) ?? []).map((word) =>
    word.replace(/['’]s$/, ''),
  );
}

/** Stems already worked out: prompts repeat their words, and a server reads many similar prompts. */
const knownStems = new Map<string, string>();
/** Past this many words the cache starts over, so odd input cannot grow it without end. */
const maxKnownStems = 20_000;

/** A crude English stem: drops common suffixes so "reads", "reading" and "read" compare equal. */
export function stem(word: string): string {
  const known = knownStems.get(word);
  if (known !== undefined) return known;
  const result = stemOf(word);
  if (knownStems.size >= maxKnownStems) knownStems.clear();
  knownStems.set(word, result);
  return result;
}

function stemOf(word: string): string {
  let result = word.toLowerCase();
  for (const suffix of [
    'ations',
    'ation',
    'ators',
    'ator',
    'ings',
    'ing',
    'ies',
    'ied',
    'ers',
    'er',
    'ed',
    'es',
    's',
    'ly',
  ]) {
    if (suffix === 's' && /(ss|us|is)$/.test(result)) break;
    if (suffix === 'es' && !/(s|x|z|ch|sh)es$/.test(result)) continue;
    if (result.length - suffix.length >= 3 && result.endsWith(suffix)) {
      result = result.slice(0, -suffix.length);
      if (suffix === 'ies' || suffix === 'ied') result += 'y';
      if (suffix === 'ator' || suffix === 'ators' || suffix === 'ation' || suffix === 'ations')
        result += 'at';
      break;
    }
  }
  // "translate" and "translates" (or "store" and "stores") share one stem.
  if (result.length > 4 && result.endsWith('e')) result = result.slice(0, -1);
  return result;
}

/** The stems of every word of a text, in order; the last text's stems are kept (requests are read often). */
export function stemmedWords(text: string): readonly string[] {
  if (lastStemmed !== undefined && lastStemmed.text === text) return lastStemmed.stems;
  const stems = words(text).map(stem);
  lastStemmed = { text, stems };
  return stems;
}

let lastStemmed: { text: string; stems: readonly string[] } | undefined;

/** The content words of a text (no stop words, no single letters), stemmed. */
export function contentStems(text: string): string[] {
  return words(text)
    .filter((word) => word.length > 1 && !stopWords.has(word))
    .map(stem);
}

/** Splits an identifier (`read_file`, `getWeather`, `list-files`) into lowercase words. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.:/]+/g, ' ')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
}

/**
 * The most frequent content words of a text, most frequent first (ties: first occurrence first),
 * lowercase except proper nouns written with a capital inside a sentence.
 */
export function keyTerms(text: string, limit: number): string[] {
  const counts = new Map<string, { count: number; first: number; form: string }>();
  let index = 0;
  for (const match of text.matchAll(/[\p{L}\p{Nd}]+(?:['’-][\p{L}\p{Nd}]+)*/gu)) {
    const written = match[0].replace(/['’]s$/i, '');
    const word = written.toLowerCase();
    index += 1;
    if (word.length < 3 || stopWords.has(word) || /^\d+$/.test(word)) continue;
    const key = stem(word);
    const entry = counts.get(key);
    if (entry !== undefined) {
      entry.count += 1;
      continue;
    }
    // Proper nouns keep their capital ("France"); a capital that only opens a sentence does not.
    const opensSentence = /(^|[.!?:\n]\s*)$/.test(text.slice(Math.max(0, match.index - 3), match.index));
    const form = /^\p{Lu}/u.test(written) && !opensSentence ? written : word;
    counts.set(key, { count: 1, first: index, form });
  }
  return [...counts.values()]
    .sort((left, right) => right.count - left.count || left.first - right.first)
    .slice(0, limit)
    .map((entry) => entry.form);
}

/** Fraction of `query` stems found among `text` stems (0 when the query has none). */
export function overlap(queryStems: readonly string[], textStems: readonly string[]): number {
  if (queryStems.length === 0) return 0;
  const available = new Set(textStems);
  const unique = new Set(queryStems);
  let hits = 0;
  for (const word of unique) if (available.has(word)) hits += 1;
  return hits / unique.size;
}
