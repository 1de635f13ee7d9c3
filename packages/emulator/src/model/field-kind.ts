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
  | 'item'
  | 'text';

const rules: { kind: FieldKind; words: readonly string[] }[] = [
  { kind: 'email', words: ['email', 'mail', 'e-mail'] },
  { kind: 'url', words: ['url', 'link', 'website', 'homepage', 'uri', 'href', 'site'] },
  { kind: 'phone', words: ['phone', 'telephone', 'mobile', 'tel'] },
  { kind: 'file', words: ['file', 'filename', 'path', 'filepath', 'folder', 'directory', 'dir'] },
  { kind: 'expression', words: ['expression', 'formula', 'equation', 'calculation', 'expr'] },
  { kind: 'currency', words: ['currency'] },
  { kind: 'percentage', words: ['percent', 'percentage', 'pct', 'rate', 'growth', 'change'] },
  { kind: 'confidence', words: ['confidence', 'probability', 'certainty', 'likelihood'] },
  { kind: 'score', words: ['score', 'rating', 'rank', 'priority', 'severity', 'stars'] },
  {
    kind: 'amount',
    words: [
      'amount',
      'price',
      'total',
      'cost',
      'revenue',
      'value',
      'sum',
      'fee',
      'salary',
      'budget',
      'payment',
      'paid',
      'spend',
      'income',
      'profit',
      'sales',
      'valuation',
      'balance',
      'subtotal',
      'tax',
      'money',
      'funding',
      'deal',
    ],
  },
  { kind: 'year', words: ['year'] },
  {
    kind: 'date',
    words: [
      'date',
      'day',
      'deadline',
      'published',
      'created',
      'updated',
      'when',
      'dob',
      'birthday',
      'born',
      'due',
      'start',
      'end',
      'timestamp',
      'datetime',
    ],
  },
  { kind: 'time', words: ['time', 'hour'] },
  { kind: 'sentiment', words: ['sentiment', 'tone', 'mood', 'polarity', 'emotion'] },
  { kind: 'language', words: ['language', 'lang', 'locale'] },
  {
    kind: 'company',
    words: [
      'company',
      'companies',
      'organization',
      'organisation',
      'org',
      'employer',
      'vendor',
      'supplier',
      'customer',
      'business',
      'firm',
      'brand',
      'acquirer',
      'buyer',
      'seller',
      'issuer',
      'merchant',
      'bank',
      'lender',
      'startup',
      'manufacturer',
      'publisher',
      'client',
      'competitor',
      'partner',
    ],
  },
  {
    kind: 'person',
    words: [
      'person',
      'people',
      'author',
      'ceo',
      'founder',
      'contact',
      'speaker',
      'executive',
      'manager',
      'employee',
      'owner',
      'assignee',
      'reporter',
      'recipient',
      'sender',
      'participant',
      'attendee',
      'who',
      'spokesperson',
      'leader',
      'director',
    ],
  },
  {
    kind: 'place',
    words: [
      'location',
      'city',
      'country',
      'place',
      'address',
      'region',
      'headquarters',
      'hq',
      'venue',
      'state',
      'destination',
      'origin',
    ],
  },
  { kind: 'title', words: ['title', 'headline', 'subject', 'heading', 'topic_title'] },
  {
    kind: 'summary',
    words: [
      'summary',
      'abstract',
      'overview',
      'synopsis',
      'description',
      'tldr',
      'gist',
      'paragraph',
      'content',
      'body',
    ],
  },
  {
    kind: 'answer',
    words: [
      'answer',
      'response',
      'reply',
      'result',
      'output',
      'explanation',
      'reasoning',
      'rationale',
      'translation',
      'conclusion',
      'solution',
    ],
  },
  {
    kind: 'point',
    words: [
      'points',
      'bullets',
      'highlights',
      'takeaways',
      'findings',
      'facts',
      'claims',
      'insights',
      'lessons',
      'steps',
      'actions',
      'recommendations',
      'risks',
      'issues',
    ],
  },
  {
    kind: 'sentence',
    words: ['sentence', 'quote', 'excerpt', 'evidence', 'reason', 'note', 'comment', 'feedback'],
  },
  {
    kind: 'category',
    words: [
      'category',
      'categories',
      'label',
      'labels',
      'class',
      'classification',
      'type',
      'kind',
      'genre',
      'topic',
      'topics',
      'intent',
      'status',
      'level',
      'industry',
      'sector',
      'department',
    ],
  },
  {
    kind: 'keyword',
    words: ['keyword', 'keywords', 'tag', 'tags', 'term', 'terms', 'entity', 'entities', 'skill', 'skills'],
  },
  {
    kind: 'query',
    words: [
      'query',
      'search',
      'q',
      'request',
      'input',
      'text',
      'message',
      'question',
      'prompt',
      'phrase',
      'instruction',
      'task',
      'command',
      'pattern',
    ],
  },
  {
    kind: 'quantity',
    words: [
      'quantity',
      'count',
      'number',
      'qty',
      'units',
      'amount_of',
      'age',
      'size',
      'length',
      'width',
      'height',
      'weight',
      'duration',
      'minutes',
      'hours',
      'days',
      'limit',
      'offset',
      'page',
      'index',
      'a',
      'b',
      'x',
      'y',
      'n',
      'left',
      'right',
      'first',
      'second',
      'operand',
      'num',
    ],
  },
  { kind: 'id', words: ['id', 'identifier', 'uuid', 'key', 'code', 'sku', 'ref', 'reference'] },
  { kind: 'name', words: ['name', 'names', 'fullname', 'full_name'] },
  {
    kind: 'item',
    words: [
      'item',
      'items',
      'product',
      'products',
      'fruit',
      'element',
      'elements',
      'entries',
      'values',
      'list',
      'things',
      'ingredients',
      'objects',
      'tasks',
    ],
  },
];

function matchRule(words: readonly string[]): FieldKind | undefined {
  for (const rule of rules) {
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
