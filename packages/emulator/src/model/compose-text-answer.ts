import type { FunctionCall } from '../wire/types.js';
import { evaluateExpression, findExpressions, formatNumber } from './arithmetic.js';
import { createRandom, hashString, pick } from './deterministic-hash.js';
import { type Conversation, type FunctionResult, resultText } from './read-conversation.js';
import { splitInstruction } from './split-instruction.js';
import { readSummaryLength, summarizeText } from './summarize-text.js';
import { contentStems, keyTerms, overlap, splitSentences } from './text-analysis.js';
import { countTextTokens } from './tokenizer.js';

/** Prompts asking for a summary. */
export const summaryIntent =
  /\b(summar\w*|tl;?dr|key points|main points|gist|condense|recap|overview of|digest)\b/i;

/** What the text answer is built from and how its wording varies. */
export interface TextAnswerInput {
  conversation: Conversation;
  /** Changes wording (openers, connectives), never content. */
  seed: number;
}

/**
 * The model's text answer, in order of precedence:
 * 1. after function results: an answer that quotes them (and answers the request from them);
 * 2. a summary request: an extractive summary of the document in the prompt;
 * 3. arithmetic in the request: the computed value;
 * 4. a question with context in the prompt: the context sentences that best answer it;
 * 5. otherwise: a reply about the prompt's key terms, longer for longer prompts.
 */
export function composeTextAnswer(input: TextAnswerInput): string {
  const { conversation } = input;
  const random = createRandom(hashString(conversation.requestText, input.seed));
  if (conversation.latestResults.length > 0) return answerFromResults(conversation, random);
  const request = conversation.requestText;
  if (summaryIntent.test(request)) {
    const summary = summarizeRequest(request, conversation);
    if (summary !== undefined) return summary;
  }
  const arithmetic = answerArithmetic(request, random);
  if (arithmetic !== undefined) return arithmetic;
  const answer = answerQuestion(request, contextOf(conversation), random);
  if (answer !== undefined) return answer;
  const short = answerBriefly(request, random);
  if (short !== undefined) return short;
  return replyAbout(request, conversation, random);
}

const greeting =
  /^\s*(hi|hello|hey|good (morning|afternoon|evening)|greetings|ping|test|thanks|thank you)\b[\s!.?,]*$/i;

/**
 * Greetings get a greeting; "one word" and yes/no questions get one word (the proper noun the question
 * is about, or "Yes"), as short as the prompt demands.
 */
function answerBriefly(request: string, random: () => number): string | undefined {
  if (greeting.test(request)) {
    if (/^\s*thank/i.test(request)) return pick(["You're welcome!", 'Glad to help!'], random);
    return pick(['Hello! How can I help you today?', 'Hi there! What can I do for you?'], random);
  }
  if (/\b(one|single|1)[- ]word\b/i.test(request)) {
    const about = splitSentences(request)
      .filter((sentence) => !/\bword\b/i.test(sentence))
      .join(' ');
    const names = about.match(/(?<=\s)[A-Z][\p{L}]+/gu) ?? [];
    return `${names.at(-1) ?? keyTerms(request, 1)[0] ?? 'Yes'}.`;
  }
  if (/\b(yes or no|yes\/no)\b/i.test(request)) return 'Yes.';
  return undefined;
}

/** Where answers to questions are looked for: earlier turns, function results and the system instruction (RAG prompts put their context there). */
function contextOf(conversation: Conversation): string[] {
  return [
    ...conversation.historyTexts,
    ...conversation.resultsInTurn.map(resultText),
    conversation.systemText,
  ];
}

function summarizeRequest(request: string, conversation: Conversation): string | undefined {
  const { instruction, document } = splitInstruction(request, summaryIntent);
  const material = [document, ...conversation.resultsInTurn.map(resultText)]
    .filter((text) => text.trim() !== '')
    .join('\n\n');
  const source = material.trim() === '' ? conversation.historyTexts.join('\n\n') : material;
  const sentences = summarizeText(source, readSummaryLength(instruction));
  if (sentences.length === 0) return undefined;
  if (/\bbullet|\bkey points|\bmain points|\btakeaways|\blist\b/i.test(instruction)) {
    return sentences.map((sentence) => `- ${sentence}`).join('\n');
  }
  return sentences.join(' ');
}

function answerArithmetic(request: string, random: () => number): string | undefined {
  const expressions = findExpressions(request);
  if (expressions.length === 0) return undefined;
  const lines = expressions.map((expression) => {
    const value = evaluateExpression(expression);
    return value === undefined ? undefined : `${expression} = ${formatNumber(value)}`;
  });
  const results = lines.filter((line): line is string => line !== undefined);
  if (results.length === 0) return undefined;
  if (results.length === 1)
    return pick(['The answer is', 'The result is', 'That comes to'], random).concat(` ${results[0]}.`);
  return `${pick(['Here are the results:', 'The results are:'], random)}\n${results.map((line) => `- ${line}`).join('\n')}`;
}

/** The sentence that asks (the last one ending in "?"), or the whole request when short. */
function questionOf(request: string): string | undefined {
  const questions = splitSentences(request).filter((sentence) => sentence.endsWith('?'));
  if (questions.length > 0) return questions.at(-1);
  if (/^\s*(who|what|when|where|why|how|which|is|are|does|do|can|list|name|find)\b/i.test(request))
    return request;
  return undefined;
}

/**
 * Answers a question from the material around it: the sentences (of the rest of the prompt, earlier
 * turns and function results) sharing the most content words with the question, best first.
 */
function answerQuestion(request: string, context: string[], random: () => number): string | undefined {
  const question = questionOf(request);
  if (question === undefined) return undefined;
  const rest = request.replace(question, ' ');
  // The same sentence can come twice (a search hit and the file it was found in): keep it once.
  const candidates = [...new Set([rest, ...context].flatMap(splitSentences))].filter(
    (sentence) => !sentence.endsWith('?'),
  );
  const questionStems = contentStems(question);
  const ranked = candidates
    .map((sentence, index) => ({ sentence, index, score: overlap(questionStems, contentStems(sentence)) }))
    .filter((entry) => entry.score > 0)
    .sort((left, right) => right.score - left.score || left.index - right.index);
  const best = ranked[0];
  if (best === undefined || best.score < 0.25) return undefined;
  const chosen = ranked.filter((entry) => entry.score >= best.score * 0.75).slice(0, 3);
  const opener = pick(
    ['Based on the text provided,', 'According to the material,', 'From what is given,'],
    random,
  );
  const body = chosen
    .sort((left, right) => left.index - right.index)
    .map((entry) => entry.sentence)
    .join(' ');
  return `${opener} ${lowerFirst(body)}`;
}

function lowerFirst(text: string): string {
  // Keep acronyms and proper nouns ("NASA", "Paris") as written; lower only a plain capitalised word.
  return /^[A-Z][a-z]*\b/.test(text) && !/^(I|I'm|I've)\b/.test(text) && commonOpeners.test(text)
    ? text.charAt(0).toLowerCase() + text.slice(1)
    : text;
}

const commonOpeners =
  /^(The|A|An|Each|Every|Some|Most|All|This|That|These|Those|It|In|On|At|For|With|By|As|Our|We|They|There|Its)\b/;

/** Function results, quoted, then the part of the request they answer. */
function answerFromResults(conversation: Conversation, random: () => number): string {
  const lines = conversation.latestResults.map((result, index) =>
    describeResult(result, index, conversation),
  );
  const request = conversation.requestText;
  const expressions = findExpressions(request);
  const opener = pick(
    ['Here is what I found.', 'Done. Here are the results.', 'I have the results.'],
    random,
  );
  const parts = [opener, ...lines];
  // A summary request over what the tools returned ("Summarize notes/meeting.md") gets the summary.
  const summary = summaryIntent.test(request) ? summarizeRequest(request, conversation) : undefined;
  if (summary !== undefined) {
    parts.push(summary);
    return parts.join('\n');
  }
  const answer = answerQuestion(request, conversation.resultsInTurn.map(resultText), random);
  if (answer !== undefined && expressions.length === 0) parts.push(answer);
  return parts.join('\n');
}

/**
 * The call a result answers: the call with its id, else the same-named call at the same position among
 * the calls its batch answers (the last calls of the turn), so parallel calls to one tool pair up in order.
 */
function callFor(
  result: FunctionResult,
  index: number,
  conversation: Conversation,
): FunctionCall | undefined {
  const byId = conversation.callsInTurn.find(
    (candidate) => result.id !== undefined && candidate.id === result.id,
  );
  if (byId !== undefined) return byId;
  const batch = conversation.callsInTurn.slice(-conversation.latestResults.length);
  const sameName = conversation.latestResults
    .slice(0, index)
    .filter((other) => other.name === result.name).length;
  return batch.filter((candidate) => candidate.name === result.name)[sameName];
}

function describeResult(result: FunctionResult, index: number, conversation: Conversation): string {
  const args = Object.values(callFor(result, index, conversation)?.args ?? {})
    .map((value) => JSON.stringify(value))
    .join(', ');
  return `- ${result.name}(${args}) returned ${quoteResult(result)}`;
}

/** A function result as quoted text: a single value as itself, long text cut to its first sentences. */
function quoteResult(result: FunctionResult): string {
  const values = Object.values(result.response);
  const single = values.length === 1 ? values[0] : undefined;
  if (typeof single === 'string') {
    const text =
      countTextTokens(single) > 120 ? `${splitSentences(single).slice(0, 3).join(' ')} [...]` : single;
    return JSON.stringify(text);
  }
  if (typeof single === 'number' || typeof single === 'boolean') return String(single);
  const json = JSON.stringify(result.response);
  return json.length > 600 ? `${json.slice(0, 600)}...` : json;
}

/**
 * A reply about the request's key terms, as long as the prompt warrants: about 15 tokens plus 40% of
 * the request, up to 700.
 */
function replyAbout(request: string, conversation: Conversation, random: () => number): string {
  const terms = keyTerms(`${request}\n${conversation.historyTexts.join('\n')}`, 12)
    .filter((term) => !requestVerbs.has(term))
    .slice(0, 8);
  if (terms.length === 0)
    return pick(['Hello! How can I help you today?', 'Hi! What would you like to know?'], random);
  const target = Math.min(700, 15 + Math.round(countTextTokens(request) * 0.4));
  const [first = 'this'] = terms;
  const sentences = [
    pick(
      [`Here is a short answer about ${first}.`, `Let me address ${first}.`, `Regarding ${first}:`],
      random,
    ),
  ];
  // Which terms each sentence pairs is fixed; the seed only chooses the phrasing.
  const minimumSentences = Math.min(3, Math.max(1, terms.length - 1));
  let index = 0;
  while ((countTextTokens(sentences.join(' ')) < target || index < minimumSentences) && index < 200) {
    const a = terms[index % terms.length] ?? first;
    const b = terms[(index + 1) % terms.length] ?? first;
    const template = pick(replyTemplates, random);
    sentences.push(a === b ? `It mainly concerns ${a}.` : template(a, b));
    index += 1;
  }
  return sentences.join(' ');
}

/** Instruction verbs that name the task, not the topic ("explain", "describe"). */
const requestVerbs = new Set(
  'explain describe tell write give list summarize summarise show provide discuss compare help create make generate outline elaborate answer respond detail clarify'.split(
    ' ',
  ),
);

const replyTemplates: readonly ((a: string, b: string) => string)[] = [
  (a, b) => `${capitalize(a)} is closely related to ${b}, and the two are best considered together.`,
  (a, b) => `When looking at ${a}, the most important factor is usually ${b}.`,
  (a, b) => `A practical approach to ${a} starts with a clear view of ${b}.`,
  (a, b) => `In short, ${a} depends on ${b} more than on anything else.`,
  (a, b) => `It also helps to compare ${a} with ${b} before drawing conclusions.`,
];

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
