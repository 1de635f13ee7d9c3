/**
 * Proper names in text: capitalised phrases, classified as companies, people or places by their
 * own shape (suffixes such as "Inc", titles such as "Dr", common first names) and their neighbours.
 */

/** A phrase found in a text, with where it starts. */
export interface Span {
  text: string;
  index: number;
}

const companySuffix =
  /\b(Inc|Inc\.|Incorporated|Corp|Corp\.|Corporation|Co\.|Company|Ltd|Ltd\.|Limited|LLC|LLP|PLC|plc|GmbH|AG|SA|S\.A\.|NV|BV|AB|Group|Holdings|Technologies|Technology|Systems|Labs|Bank|Partners|Industries|Motors|Airlines|Pharmaceuticals|Energy|Capital|Ventures|Solutions|Software|Foods|Media|Networks|Logistics|Enterprises|Associates|Foundation|Institute|University|Agency|Ministry)$/;
const personTitle =
  /\b(Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|CEO|CFO|CTO|President|Chairman|Director|Minister|Senator|Judge|Officer|Manager|founder|chief executive)\.?\s+$/i;
const companyCue =
  /\b(company|firm|startup|maker|manufacturer|retailer|bank|lender|supplier|vendor|acquired|acquire|acquisition of|merger with|shares of|subsidiary|rival|competitor|client|customer|partner|brand|corporation|invested in|raised)\s+$/i;
const personCue =
  /\b(said|says|told|according to|led by|founded by|signed by|contact|met with|interviewed|wrote|by|named|appointed|hired|hires)\s+$/i;
const placeCue = /\b(in|at|from|near|to|across|based in|headquartered in|located in|city of|capital of)\s+$/i;
const afterPerson =
  /^\s*(,\s*(?:the\s+|its\s+)?(?:CEO|CFO|CTO|founder|president|chair|director|head|chief|manager|spokesperson|analyst|professor|author)|\s+said\b|\s+says\b|\s+told\b|\s+wrote\b|\s+\(\d{2}\))/i;

const firstNames = new Set(
  'James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Peter Zachary Douglas Harold Carl Arthur Lucas Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn Janice Jean Abigail Alice Julia Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Ahmed Mohammed Ali Fatima Wei Li Ming Yuki Hiroshi Kenji Raj Priya Arjun Ana Carlos Juan Luis Miguel Sofia Lucia Pierre Jean Marie Hans Klaus Anna Lars Ingrid Olga Ivan Dmitri Elena Marco Giulia Luca Chen Mei Sanjay Aisha Omar Tom Tim Sam Ben Max Leo Alex Chris Pat Kim Lee Jordan Taylor Morgan Casey Riley Jamie Avery Quinn Elon Tim Satya Sundar Jeff Bill Warren Oprah Angela Emmanuel Olaf Rishi Justin Joe Kamala Barack Ada Alan Grace Marie Albert Isaac Nikola Ada'.split(
    ' ',
  ),
);

const notNames = new Set(
  'The A An This That These Those It Its In On At For With By As Our We They There Here If When While After Before During Since Until Although Because However Therefore Meanwhile Also But And Or So Yet Then Today Tomorrow Yesterday Please Note Summary Title Overview Introduction Conclusion Chapter Section Figure Table Page Step Q1 Q2 Q3 Q4 I You He She Who What Where Why How Which Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Rival Rivals Analysts Shares Regulators'.split(
    ' ',
  ),
);

const phrasePattern =
  /\b(?:[A-Z][\p{L}'’&.-]*[\p{L}.]|[A-Z]{2,}\d*)(?:\s+(?:of|de|van|von|der|del|la|le|and|&|for)\s+[A-Z][\p{L}'’&.-]*|\s+(?:[A-Z][\p{L}'’&.-]*[\p{L}.]|[A-Z]{2,}\d*))*/gu;

const titleWords = new Set(
  'CEO CFO CTO COO Mr Mrs Ms Miss Dr Prof Professor President Chairman Chairwoman Director Minister Senator Sir Dame Judge Governor Mayor Chief Executive Officer'.split(
    ' ',
  ),
);
const connectors = /^(of|de|van|von|der|del|la|le|and|&|for)$/;
const institutionHeads = new Set(
  'Bank University Institute Ministry Department Museum Church Council Bureau Office House Port Gulf Isle Lake Mount Cape'.split(
    ' ',
  ),
);

/** Capitalised phrases ("European Central Bank", "Acme Corp.", "Maria Lopez"), without leading filler words. */
export function findCapitalizedPhrases(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(phrasePattern)) {
    // Split the match into words with their offsets, then into sub-phrases at words ending a sentence.
    const tokens = [...match[0].matchAll(/\S+/g)].map((token) => ({
      word: token[0],
      index: match.index + token.index,
    }));
    let current: typeof tokens = [];
    const groups: (typeof tokens)[] = [];
    for (const token of tokens) {
      current.push(token);
      if (token.word.endsWith('.') && !/^[A-Z]\.$/.test(token.word)) {
        groups.push(current);
        current = [];
      }
    }
    groups.push(current);
    for (const group of groups) {
      const span = cleanGroup(group, text);
      if (span !== undefined) spans.push(...splitPersonOf(span));
    }
  }
  return spans;
}

/**
 * "James Okafor of Summit Pharmaceuticals Ltd" is a person and a company, not one name; "Bank of
 * America" stays whole (its head is not a first name).
 */
function splitPersonOf(span: Span): Span[] {
  const match = /^(\S+(?:\s+\S+){1,2}?)\s+of\s+(?=\p{Lu})/u.exec(span.text);
  const head = match?.[1];
  if (match === null || head === undefined) return [span];
  const headWords = head.split(/\s+/);
  const tail = span.text.slice(match[0].length);
  // A known first name, or two or three plain words before a company ("Rahul Mehta of Acme Corp.").
  const person =
    firstNames.has(headWords[0] ?? '') ||
    (companySuffix.test(tail) &&
      !companySuffix.test(head) &&
      headWords.every((word) => /^\p{Lu}\p{Ll}+$/u.test(word) && !institutionHeads.has(word)));
  if (!person) return [span];
  return [
    { text: head, index: span.index },
    { text: span.text.slice(match[0].length), index: span.index + match[0].length },
  ];
}

function cleanGroup(group: { word: string; index: number }[], text: string): Span | undefined {
  const tokens = [...group];
  const bare = (word: string | undefined) => (word ?? '').replace(/\.$/, '');
  while (
    tokens.length > 0 &&
    (notNames.has(bare(tokens[0]?.word)) ||
      titleWords.has(bare(tokens[0]?.word)) ||
      connectors.test(tokens[0]?.word ?? ''))
  ) {
    tokens.shift();
  }
  while (tokens.length > 0 && connectors.test(tokens.at(-1)?.word ?? '')) tokens.pop();
  const first = tokens[0];
  if (first === undefined) return undefined;
  const sentenceStart = /(^|[.!?:\n]\s*)$/.test(text.slice(Math.max(0, first.index - 3), first.index));
  if (
    sentenceStart &&
    tokens.length > 2 &&
    connectors.test(tokens[1]?.word ?? '') &&
    !institutionHeads.has(first.word)
  ) {
    tokens.splice(0, 2);
  }
  const start = tokens[0];
  const last = tokens.at(-1);
  if (start === undefined || last === undefined) return undefined;
  let phrase = text.slice(start.index, last.index + last.word.length);
  if (phrase.endsWith('.') && !companySuffix.test(phrase)) phrase = phrase.slice(0, -1);
  phrase = phrase.replace(/[,;:]$/, '');
  if (phrase.length < 2) return undefined;
  return { text: phrase, index: start.index };
}

/** The kinds a proper name can have. */
export type NameKind = 'company' | 'person' | 'place' | 'other';

/** Classifies a capitalised phrase by its shape and the words just before and after it in `text`. */
export function classifyName(span: Span, text: string): NameKind {
  const before = text.slice(Math.max(0, span.index - 40), span.index);
  const after = text.slice(span.index + span.text.length, span.index + span.text.length + 40);
  const words = span.text.split(/\s+/);
  if (companySuffix.test(span.text) || (/^[A-Z]{2,5}$/.test(span.text) && companyCue.test(before)))
    return 'company';
  if (companyCue.test(before)) return 'company';
  if (personTitle.test(before) || afterPerson.test(after)) return 'person';
  // Only a name split off by `splitPersonOf` is followed by "of <Company>".
  if (words.length >= 2 && words.length <= 3 && /^\s+of\s+\p{Lu}/u.test(after)) return 'person';
  if (words.length >= 2 && words.length <= 3 && firstNames.has(words[0] ?? '')) return 'person';
  if (personCue.test(before) && words.length >= 2 && words.length <= 3) return 'person';
  if (placeCue.test(before) && words.length <= 3) return 'place';
  return 'other';
}

/** Proper names of one kind in a text, distinct, in order of appearance. */
export function findNames(text: string, kind: NameKind): Span[] {
  const seen = new Set<string>();
  const found: Span[] = [];
  for (const span of findCapitalizedPhrases(text)) {
    if (classifyName(span, text) !== kind) continue;
    const key = span.text.toLowerCase().replace(/[.,]/g, '');
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(span);
  }
  return found;
}
