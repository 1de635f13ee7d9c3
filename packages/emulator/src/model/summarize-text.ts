import { contentStems, splitSentences } from './text-analysis.js';

/** How long a summary should be, when the prompt says. */
export interface SummaryLength {
  /** Exact number of sentences (or bullet points) asked for. */
  sentences?: number;
  /** Upper bound on words asked for ("in 50 words"). */
  words?: number;
}

const numberWords: Record<string, number> = {
  one: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/**
 * Reads the length a prompt asks for: "in one sentence", "3 bullet points", "five key points",
 * "in under 50 words".
 */
export function readSummaryLength(instruction: string): SummaryLength {
  const lower = instruction.toLowerCase();
  const count = lower.match(
    /\b(\d+|one|single|two|three|four|five|six|seven|eight|nine|ten)[- ](?:short |key |main |concise |brief )?(sentences?|bullets?|bullet points?|points?|lines?|takeaways?)\b/,
  );
  const wordLimit = lower.match(
    /\b(?:in|under|within|at most|max(?:imum)?(?: of)?|no more than)\s+(\d+)\s+words\b/,
  );
  const result: SummaryLength = {};
  if (count?.[1] !== undefined) result.sentences = numberWords[count[1]] ?? Number(count[1]);
  if (wordLimit?.[1] !== undefined) result.words = Number(wordLimit[1]);
  return result;
}

/**
 * An extractive summary: the most informative sentences of `text`, in their original order.
 * A sentence scores the document frequency of its content words, divided by the square root of its
 * length so long sentences do not win by size alone; the first sentence gets a small lead bonus.
 * Without an explicit length, about a quarter of the sentences are kept (1 to 20), so long documents
 * get summaries of several hundred tokens and short ones a sentence or two.
 */
export function summarizeText(text: string, length: SummaryLength = {}): string[] {
  const sentences = splitSentences(text).filter((sentence) => /[\p{L}]/u.test(sentence));
  if (sentences.length === 0) return [];
  const stemsPerSentence = sentences.map(contentStems);
  const frequency = new Map<string, number>();
  for (const stems of stemsPerSentence)
    for (const word of new Set(stems)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const scored = sentences.map((sentence, index) => {
    const stems = stemsPerSentence[index] ?? [];
    const weight = stems.reduce((sum, word) => sum + (frequency.get(word) ?? 0), 0);
    const informative = stems.length >= 4 ? 1 : 0.5;
    const lead = index === 0 ? 1.25 : 1;
    return { index, sentence, score: (weight / Math.sqrt(stems.length + 1)) * informative * lead };
  });
  const wanted = length.sentences ?? Math.min(20, Math.max(1, Math.round(sentences.length / 4)));
  const chosen = [...scored]
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .slice(0, wanted)
    .sort((left, right) => left.index - right.index)
    .map((entry) => withoutLabel(entry.sentence));
  return length.words === undefined ? chosen : limitWords(chosen, length.words);
}

function limitWords(sentences: string[], limit: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const sentence of sentences) {
    const count = sentence.split(/\s+/).length;
    if (used + count > limit) {
      if (kept.length === 0) kept.push(`${sentence.split(/\s+/).slice(0, limit).join(' ')}...`);
      break;
    }
    kept.push(sentence);
    used += count;
  }
  return kept;
}

/** Drops a leading chunk label ("Part 2:", "Chunk 3 -", "Summary:") that map-reduce prompts add. */
function withoutLabel(sentence: string): string {
  const stripped = sentence.replace(
    /^(?:part|chunk|section|segment|page|summary|excerpt)\s*\d*\s*[:.)-]\s+(?=\S)/i,
    '',
  );
  return stripped.charAt(0).toUpperCase() + stripped.slice(1);
}
