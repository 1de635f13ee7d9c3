import { fieldKindRules } from './field-kind-rules.js';
import { identifierWords, stem } from './text-analysis.js';

/** What a schema field holds, guessed from its name, description and parent; decides where values come from. */
export type FieldKind =
  | 'company'
  | 'person'
  | 'place'
  | 'name'
  | 'date'
  | 'time'
  | 'year'
  | 'amount'
  | 'currency'
  | 'email'
  | 'url'
  | 'phone'
  | 'title'
  | 'role'
  | 'summary'
  | 'answer'
  | 'sentence'
  | 'point'
  | 'category'
  | 'sentiment'
  | 'language'
  | 'file'
  | 'expression'
  | 'query'
  | 'quantity'
  | 'percentage'
  | 'confidence'
  | 'score'
  | 'id'
  | 'keyword'
  | 'search'
  | 'item'
  | 'text';

function matchRule(words: readonly string[]): FieldKind | undefined {
  for (const rule of fieldKindRules) {
    if (words.some((word) => rule.words.includes(word) || rule.words.includes(stem(word)))) return rule.kind;
  }
  return undefined;
}

/**
 * Guesses a field's kind from its name (`invoiceTotal` -> amount, `companies` -> company), then its
 * description, then the parent's name (the `name` of an item of `companies` is a company).
 */
export function classifyField(
  name: string | undefined,
  description: string | undefined,
  parentName?: string,
): FieldKind {
  const nameWords = identifierWords(name ?? '');
  // The last word of a compound name decides ("companyName" is a name of a company, so company wins
  // only through the parent rule below; "invoiceTotal" is an amount).
  const last = nameWords.at(-1);
  const byLast = last === undefined ? undefined : matchRule([last]);
  const byName = byLast ?? matchRule(nameWords);
  // The title of a person (an item of `people`, or a `jobTitle`) is their role: "CEO", not a headline.
  if (byName === 'title') {
    const parent = parentName === undefined ? undefined : matchRule(identifierWords(parentName));
    if (parent === 'person' || nameWords.includes('job')) return 'role';
  }
  if (byName === 'name' || byName === 'item' || byName === undefined) {
    const qualifier = matchRule(nameWords.filter((word) => word !== last));
    if (qualifier === 'company' || qualifier === 'person' || qualifier === 'place') return qualifier;
    const parent = parentName === undefined ? undefined : matchRule(identifierWords(parentName));
    if (parent === 'company' || parent === 'person' || parent === 'place') return parent;
    const byDescription =
      description === undefined ? undefined : matchRule(identifierWords(description).slice(0, 12));
    if (byName === undefined)
      return (
        byDescription ?? (parent === 'point' || parent === 'keyword' || parent === 'item' ? parent : 'text')
      );
    if (
      byName === 'name' &&
      (byDescription === 'company' || byDescription === 'person' || byDescription === 'place')
    )
      return byDescription;
  }
  return byName;
}
