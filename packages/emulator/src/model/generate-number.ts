import { evaluateExpression } from './arithmetic.js';
import { classifyField } from './field-kind.js';
import type { NumberSpan } from './find-amounts.js';
import type { Span } from './find-names.js';
import type { SchemaNode } from './schema-node.js';
import { contentStems, identifierWords, stem, stopWords, words } from './text-analysis.js';
import { byFocus, claim, isUsed, type Slot, type ValueContext } from './value-context.js';

type NumberNode = Extract<SchemaNode, { type: 'number' | 'integer' }>;

/** Fits a number into a node's bounds, integer-ness and `multipleOf`. */
export function fitNumber(value: number, node: NumberNode): number {
  let result = node.type === 'integer' ? Math.round(value) : value;
  const step =
    node.multipleOf !== undefined && node.multipleOf > 0
      ? node.multipleOf
      : node.type === 'integer'
        ? 1
        : undefined;
  const low = node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + (step ?? 1e-6) : node.minimum;
  const high = node.exclusiveMaximum !== undefined ? node.exclusiveMaximum - (step ?? 1e-6) : node.maximum;
  const lowest = Math.max(low ?? Number.NEGATIVE_INFINITY, node.minimum ?? Number.NEGATIVE_INFINITY);
  const highest = Math.min(high ?? Number.POSITIVE_INFINITY, node.maximum ?? Number.POSITIVE_INFINITY);
  if (result < lowest) result = lowest;
  if (result > highest) result = highest;
  if (node.multipleOf !== undefined && node.multipleOf > 0) {
    const multiple = node.multipleOf;
    let candidate = Math.round(result / multiple) * multiple;
    if (candidate < lowest) candidate = Math.ceil(lowest / multiple) * multiple;
    if (candidate > highest) candidate = Math.floor(highest / multiple) * multiple;
    result = Number(candidate.toPrecision(12));
  }
  if (node.type === 'integer') {
    result = Math.round(result);
    if (result < lowest) result = Math.ceil(lowest);
    if (result > highest) result = Math.floor(highest);
  }
  return result;
}

/** Numbers written near a word of the field's name ("3 apples" for `apples`, "total of 40" for `total`). */
function numbersNearName<T extends Span & { value: number }>(
  slot: Slot,
  numbers: readonly T[],
  text: string,
): T[] {
  const nameStems = identifierWords(slot.name ?? '')
    .filter((word) => word.length >= 3 && !stopWords.has(word))
    .map(stem);
  if (nameStems.length === 0) return [];
  const positions: number[] = [];
  for (const match of text.matchAll(/[\p{L}]+/gu)) {
    if (nameStems.includes(stem(match[0].toLowerCase()))) positions.push(match.index);
  }
  if (positions.length === 0) return [];
  const distance = (span: T) => Math.min(...positions.map((position) => Math.abs(span.index - position)));
  return numbers
    .filter((span) => distance(span) <= 60)
    .sort((left, right) => distance(left) - distance(right));
}

/**
 * A number for a schema number node, by the field's kind: amounts from money in the text, years from
 * dates, percentages from "N%", confidence near the top of its range, operands (`a`, `b`, `x`) from the
 * numbers of the focus in order, otherwise the number written nearest the field's name.
 */
export function generateNumber(node: NumberNode, slot: Slot, context: ValueContext): number {
  const { facts } = context;
  const kind = classifyField(slot.name, node.description ?? slot.description, slot.parentName);
  const numbers = byFocus(facts.numbers, slot.focus);
  // Numbers are claimed by position, so "2 + 2" gives a = 2 and b = 2 from the two different spans.
  const take = (spans: readonly NumberSpan[]): number | undefined => {
    for (const span of spans) {
      if (!isUsed(context, 'number-at', String(span.index))) {
        claim(context, 'number-at', String(span.index));
        return span.value;
      }
    }
    return spans[0]?.value;
  };
  let value: number | undefined;
  switch (kind) {
    case 'amount': {
      // The amount written next to the field's name ("Total: $159.49"), else the next one of the focus.
      const near = numbersNearName(slot, facts.amounts, facts.text);
      value = take(near.length > 0 && slot.focus === undefined ? near : byFocus(facts.amounts, slot.focus));
      value ??= numbersNearName(slot, numbers, facts.text)[0]?.value;
      break;
    }
    case 'year':
      value = Number(byFocus(facts.dates, slot.focus)[0]?.iso.slice(0, 4) ?? Number.NaN);
      break;
    case 'percentage': {
      const percent = [
        ...(slot.focus?.text ?? facts.text).matchAll(/(-?\d+(?:\.\d+)?)\s*(?:%|percent)/g),
      ][0]?.[1];
      value = percent === undefined ? undefined : Number(percent);
      break;
    }
    case 'confidence':
      value = (node.maximum ?? 100) <= 1 ? 0.9 : Math.min(90, node.maximum ?? 90);
      break;
    case 'score': {
      const low = node.minimum ?? 1;
      const high = node.maximum ?? 5;
      value = low + (high - low) * 0.75;
      break;
    }
    default: {
      const near = numbersNearName(slot, numbers, facts.text);
      const operand = identifierWords(slot.name ?? '').every(
        (word) => word.length <= 1 || /^(first|second|left|right|operand|num|number)\d*$/.test(word),
      );
      value = take(operand || near.length === 0 ? numbers : near);
      if (value === undefined && /\b(result|total|answer)\b/.test(words(slot.name ?? '').join(' '))) {
        const expression = facts.expressions[0];
        value = expression === undefined ? undefined : evaluateExpression(expression);
      }
    }
  }
  if (value === undefined || Number.isNaN(value))
    value = node.minimum ?? (node.exclusiveMinimum === undefined ? 1 : node.exclusiveMinimum + 1);
  return fitNumber(value, node);
}

/** A boolean: true when a word of the field's name appears in the text and is not negated nearby. */
export function generateBoolean(slot: Slot, context: ValueContext): boolean {
  const nameStems = contentStems(
    identifierWords(slot.name ?? '')
      .filter((word) => !['is', 'has', 'can', 'should', 'was', 'did', 'does'].includes(word))
      .join(' '),
  );
  const text = (slot.focus?.text ?? context.facts.text).toLowerCase();
  for (const match of text.matchAll(/[\p{L}]+/gu)) {
    if (!nameStems.includes(stem(match[0]))) continue;
    const before = text.slice(Math.max(0, match.index - 20), match.index);
    return !/\b(not|no|never|without|isn't|wasn't|non)\s+(\w+\s+)?$/.test(before);
  }
  return false;
}
