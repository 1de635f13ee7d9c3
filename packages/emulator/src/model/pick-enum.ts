import { categoryLexicon } from './category-lexicon.js';
import { scoreSentiment } from './score-sentiment.js';
import { contentStems, identifierWords, stem, words } from './text-analysis.js';
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
 * Picks the enum value the prompt supports best: a sentiment-like enum follows the text's sentiment;
 * otherwise the value written in the focus or the text (most mentions win), then the value sharing
 * most words with the text or with the cue words of its label (`category-lexicon.ts`: "refund" and
 * "charged" point to `billing`), then the first value.
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
  const focusText = slot.focus?.text ?? '';
  const text = context.facts.text;
  const textStems = new Set(contentStems(text));
  const textWords = new Set(words(slot.focus?.text ?? text));
  let best: { value: string; score: number } | undefined;
  for (const value of strings) {
    const phrase = escapeRegExp(value.replace(/[_-]+/g, ' ').trim()).replace(/\\? /g, '[\\s_-]+');
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, 'giu');
    const inFocus = focusText === '' ? 0 : (focusText.match(pattern)?.length ?? 0);
    const inText = text.match(pattern)?.length ?? 0;
    const wordsOfValue = identifierWords(value).map(stem);
    const shared =
      wordsOfValue.filter((word) => textStems.has(word)).length / Math.max(1, wordsOfValue.length);
    const cues = lexiconCues(value, textWords);
    const score = inFocus * 10 + inText * 3 + shared + cues * 0.5;
    if (score > 0 && (best === undefined || score > best.score)) best = { value, score };
  }
  return best?.value ?? values[0];
}

/** How many cue words of the label's lexicon entry (see `category-lexicon.ts`) the text contains. */
function lexiconCues(value: string, textWords: ReadonlySet<string>): number {
  const label = value.toLowerCase().replace(/[^a-z]/g, '');
  let cues = 0;
  for (const [key, cueWords] of Object.entries(categoryLexicon)) {
    if (!label.startsWith(key)) continue;
    for (const word of cueWords) if (textWords.has(word)) cues += 1;
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
