import { formatNumber } from './arithmetic.js';
import { findAmounts, findNumbers } from './find-amounts.js';
import { contentStems, overlap, splitSentences } from './text-analysis.js';

/**
 * Builds the arithmetic a request asks for over numbers found in other material (function results):
 * "what is the total budget times 3" after reading a file that says "the budget is $1,200" gives
 * `1200 * 3`. Operations: times/multiplied by N, double, triple, half, N% of, plus/minus N, sum/total/
 * combined, average/mean, difference. Numbers come from the sentences sharing most words with the
 * request, money amounts first. Undefined when the request asks no arithmetic or there are no numbers.
 */
export function synthesizeExpression(request: string, material: string): string | undefined {
  const lower = request.toLowerCase();
  const operation =
    /\b(times|multipl\w*|double|triple|twice|half|percent|%|plus|minus|sum|total|add|combined|altogether|average|mean|difference|calculat\w*|comput\w*|how much)\b/.exec(
      lower,
    )?.[1];
  if (operation === undefined) return undefined;
  const requestStems = contentStems(request);
  const ranked = splitSentences(material)
    .map((sentence, index) => ({ sentence, index, score: overlap(requestStems, contentStems(sentence)) }))
    .filter((entry) => entry.score > 0 && /\d/.test(entry.sentence))
    .sort((left, right) => right.score - left.score || left.index - right.index);
  const values: number[] = [];
  for (const { sentence } of ranked) {
    const amounts = findAmounts(sentence).map((amount) => amount.value);
    const numbers = amounts.length > 0 ? amounts : findNumbers(sentence).map((number) => number.value);
    for (const value of numbers) if (!values.includes(value)) values.push(value);
    if (values.length >= 6) break;
  }
  const [first, second] = values;
  if (first === undefined) return undefined;
  const operand = (pattern: RegExp) => {
    const match = pattern.exec(lower);
    return match?.[1] === undefined ? undefined : Number(match[1].replace(/,/g, ''));
  };
  const show = formatNumber;
  const factor =
    operand(/(?:times|multiplied by|multiply (?:it |that |this )?by)\s+(\d[\d,]*(?:\.\d+)?)/) ??
    operand(/(\d[\d,]*(?:\.\d+)?)\s+times\b/);
  if (factor !== undefined) return `${show(first)} * ${show(factor)}`;
  if (/\bdouble|\btwice/.test(lower)) return `${show(first)} * 2`;
  if (/\btriple/.test(lower)) return `${show(first)} * 3`;
  if (/\bhalf\b/.test(lower)) return `${show(first)} / 2`;
  const percent = operand(/(\d+(?:\.\d+)?)\s*(?:%|percent)/);
  if (percent !== undefined) return `${show(first)} * ${show(percent)} / 100`;
  const plus = operand(/\bplus\s+(\d[\d,]*(?:\.\d+)?)/);
  if (plus !== undefined) return `${show(first)} + ${show(plus)}`;
  const minus = operand(/\bminus\s+(\d[\d,]*(?:\.\d+)?)/);
  if (minus !== undefined) return `${show(first)} - ${show(minus)}`;
  if (/\b(average|mean)\b/.test(lower) && values.length > 1)
    return `(${values.map(show).join(' + ')}) / ${values.length}`;
  if (/\bdifference\b/.test(lower) && second !== undefined) return `${show(first)} - ${show(second)}`;
  if (values.length > 1) return values.map(show).join(' + ');
  return undefined;
}
