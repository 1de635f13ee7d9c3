import { words } from './text-analysis.js';

const positive = new Set(
  'good great excellent amazing awesome love loved loves like liked happy pleased delighted satisfied fantastic wonderful best better improve improved improvement gain gains growth grew rise rose up profit profitable success successful strong recommend positive perfect fast helpful friendly beautiful win won easy enjoy enjoyed exceeded beat record thrilled impressive reliable'.split(
    ' ',
  ),
);
const negative = new Set(
  'bad poor terrible awful hate hated dislike sad angry upset disappointed disappointing worst worse broke broken fail failed failure loss losses lost decline declined drop dropped fall fell down weak slow problem problems issue issues bug bugs crash crashed refund complaint negative never delay delayed late rude expensive difficult hard useless missing wrong error errors cut cuts layoffs lawsuit fraud risk risks miss missed'.split(
    ' ',
  ),
);
const negators = new Set(['not', 'no', 'never', "isn't", "wasn't", "don't", "didn't", "doesn't", 'hardly']);

/**
 * A lexicon sentiment score: positive words count +1, negative -1, flipped after a negator
 * ("not good"). A negator reaches the next two words of its own sentence only, so "never answered.
 * Terrible." stays negative. Greater than 0 is positive, less than 0 negative.
 */
export function scoreSentiment(text: string): number {
  let score = 0;
  for (const sentence of text.split(/[.!?;\n]+/)) {
    const list = words(sentence);
    list.forEach((word, index) => {
      const sign = positive.has(word) ? 1 : negative.has(word) ? -1 : 0;
      if (sign === 0) return;
      const negated = negators.has(list[index - 1] ?? '') || negators.has(list[index - 2] ?? '');
      score += negated ? -sign : sign;
    });
  }
  return score;
}
