import type { Facts } from './extract-facts.js';
import type { Span } from './find-names.js';

/** Shared state while one JSON value is generated. */
export interface ValueContext {
  facts: Facts;
  /** The model's plain-text answer to the request, for fields such as `answer` (computed on demand). */
  answerText: () => string;
  /** Values already placed, by kind, so array items and sibling fields stay distinct. */
  used: Map<string, Set<string>>;
}

/** Where in the schema a value goes, which decides where it is drawn from. */
export interface Slot {
  /** Property (or parameter) name. */
  name?: string;
  description?: string;
  /** Name of the enclosing property (for an array item, the array's name). */
  parentName?: string;
  /** Region of the text this value should come from (the sentence of an array item's match). */
  focus?: Span;
  /** A value the enclosing array already chose for this slot. */
  forced?: string;
  /**
   * What the enclosing array item is about (the value forced on its main field), for its other fields:
   * the `title` of a person item is the role written next to that person's name.
   */
  subject?: string;
  depth: number;
}

/** Orders spans so those inside the focus come first, then the nearest to it, then text order. */
export function byFocus<T extends Span>(spans: readonly T[], focus: Span | undefined): T[] {
  if (focus === undefined) return [...spans];
  const start = focus.index;
  const end = focus.index + focus.text.length;
  const distance = (span: Span) =>
    span.index >= start && span.index < end
      ? 0
      : Math.min(Math.abs(span.index - start), Math.abs(span.index - end));
  return [...spans].sort((left, right) => distance(left) - distance(right) || left.index - right.index);
}

/** Whether `value` was already used for `kind`; marks it used when not. */
export function claim(context: ValueContext, kind: string, value: string): boolean {
  const key = value.toLowerCase();
  let set = context.used.get(kind);
  if (set === undefined) {
    set = new Set();
    context.used.set(kind, set);
  }
  if (set.has(key)) return false;
  set.add(key);
  return true;
}

/** Whether `value` was already used for `kind`, without claiming it. */
export function isUsed(context: ValueContext, kind: string, value: string): boolean {
  return context.used.get(kind)?.has(value.toLowerCase()) ?? false;
}
