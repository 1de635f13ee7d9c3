import { categoryLexicon } from './category-lexicon.js';
import { scoreSentiment } from './score-sentiment.js';
import { identifierWords, stem, words } from './text-analysis.js';
import type { Slot, ValueContext } from './value-context.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const sentimentValues: Record<string, 'positive' | 'negative' | 'neutral' | 'mixed'> = {
  positive: 'positive',
  pos: 'positive',
  good: 'positive',
  happy: 'positive',
  favorable: 'positive',
  negative: 'negative',
  neg: 'negative',
  bad: 'negative',
  unhappy: 'negative',
  unfavorable: 'negative',
  neutral: 'neutral',
  mixed: 'mixed',
};

/**
 * Picks the enum value the prompt supports best: a sentiment-like enum follows the text's sentiment; a
 * currency enum follows the first symbol; otherwise each value scores, sentence by sentence, its
 * mentions (`stock_move` as "stock move"), the words of its name, and the cue words of its label
 * (`category-lexicon.ts`: "acquire" and "takeover" point to `acquisition`, "refund" to `billing`). The
 * lead sentence (or an array item's own sentence) counts double, so "X named Y as its new CEO" is an
 * appointment even when a later clause mentions the company's expansion. No support: a catch-all
 * value (`other`, `general`, `unknown`...) when the enum has one, else the first value.
 */
export function pickEnum(values: readonly unknown[], slot: Slot, context: ValueContext): unknown {
  const strings = values.filter((value): value is string => typeof value === 'string');
  if (strings.length === 0) {
    const text = context.facts.text;
    return values.find((value) => text.includes(JSON.stringify(value))) ?? values[0];
  }
  const currency = pickCurrency(strings, slot.focus?.text ?? context.facts.text);
  if (currency !== undefined) return currency;
  const sentimentOptions = strings.filter((value) => sentimentValues[value.toLowerCase()] !== undefined);
  if (sentimentOptions.length >= 2) {
    const sentiment = scoreSentiment(slot.focus?.text ?? context.facts.text);
    const wanted = sentiment > 0 ? 'positive' : sentiment < 0 ? 'negative' : 'neutral';
    const match = sentimentOptions.find((value) => sentimentValues[value.toLowerCase()] === wanted);
    if (match !== undefined) return match;
  }
  const passages = weightedPassages(slot, context);
  let best: { value: string; score: number } | undefined;
  for (const value of strings) {
    const score = scoreValue(value, passages);
    if (score > 0 && (best === undefined || score > best.score)) best = { value, score };
  }
  // Nothing in the text supports any label: a catch-all label if the enum has one, as a model would.
  return best?.value ?? strings.find((value) => catchAll.test(value)) ?? values[0];
}

/** Labels that mean "none of the others". */
const catchAll = /^(other|others|general|misc|miscellaneous|unknown|none|unclassified|uncategori[sz]ed)$/i;

interface Passage {
  text: string;
  words: readonly string[];
  weight: number;
}

/** The text in sentences, weighted: an array item's own sentence 3, else the lead sentence 2, others 1. */
function weightedPassages(slot: Slot, context: ValueContext): Passage[] {
  const sentences =
    context.facts.sentences.length > 0 ? context.facts.sentences : [{ text: context.facts.text, index: 0 }];
  const passages = sentences.map((span, index) => ({
    text: span.text,
    words: words(span.text),
    weight: slot.focus === undefined && index === 0 ? 2 : 1,
  }));
  if (slot.focus !== undefined)
    passages.push({ text: slot.focus.text, words: words(slot.focus.text), weight: 3 });
  return passages;
}

/** Mentions of the value count 2, each word of it 1 (shared out over its words), each cue word 1. */
function scoreValue(value: string, passages: readonly Passage[]): number {
  const phrase = escapeRegExp(value.replace(/[_-]+/g, ' ').trim()).replace(/\\? /g, '[\\s_-]+');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, 'giu');
  const valueStems = identifierWords(value).map(stem);
  const cues = lexiconCues(value);
  let score = 0;
  for (const passage of passages) {
    const mentions = passage.text.match(pattern)?.length ?? 0;
    let hits = 0;
    for (const word of passage.words) {
      const wordStem = stem(word);
      if (cues.has(word) || cues.has(wordStem)) hits += 1;
      else if (valueStems.includes(wordStem)) hits += 1 / valueStems.length;
    }
    score += passage.weight * (mentions * 2 + hits);
  }
  return score;
}

/** The cue words (and their stems) of every lexicon entry the label starts with (`category-lexicon.ts`). */
function lexiconCues(value: string): ReadonlySet<string> {
  const label = value.toLowerCase().replace(/[^a-z]/g, '');
  const cues = new Set<string>();
  for (const [key, cueWords] of Object.entries(categoryLexicon)) {
    if (!label.startsWith(key)) continue;
    for (const word of cueWords) {
      cues.add(word);
      cues.add(stem(word));
    }
  }
  return cues;
}

/** Currency symbols and names, for enums of ISO codes (a text says "€3 million", not "EUR"). */
const currencySigns: Record<string, RegExp> = {
  EUR: /€|\beuros?\b/i,
  GBP: /£|\bpounds?\b|\bsterling\b/i,
  USD: /\$|\bdollars?\b/,
  JPY: /¥|\byen\b/i,
};

/** For an enum of currency codes: the code whose symbol or name comes first in the text, if any. */
function pickCurrency(values: readonly string[], text: string): string | undefined {
  if (values.length < 2 || !values.every((value) => value in currencySigns)) return undefined;
  let best: { value: string; at: number } | undefined;
  for (const value of values) {
    const at = text.search(currencySigns[value] as RegExp);
    if (at >= 0 && (best === undefined || at < best.at)) best = { value, at };
  }
  return best?.value;
}
