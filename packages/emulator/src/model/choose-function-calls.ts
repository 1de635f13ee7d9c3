import type { FunctionCall, FunctionDeclaration, GenerateContentRequest } from '../wire/types.js';
import { findExpressions } from './arithmetic.js';
import { createValueContext } from './compose-structured-output.js';
import { classifyField } from './field-kind.js';
import { type FilledArguments, fillArguments, parametersOf } from './fill-arguments.js';
import { findNumbers } from './find-amounts.js';
import type { Span } from './find-names.js';
import { stringCandidates } from './generate-string.js';
import { type Conversation, resultText } from './read-conversation.js';
import {
  callThreshold,
  type DeclarationScore,
  informationConcepts,
  scoreDeclaration,
  sideEffectConcepts,
} from './score-declaration.js';
import { splitSentences } from './text-analysis.js';
import type { ValueContext } from './value-context.js';

/** Calls in one turn after which the model answers instead of calling again (AUTO mode). */
const maxCallsPerTurn = 12;
/** Requests longer than this are not split into parts that each call a tool. */
const maxSegmentedRequestLength = 2000;
/** Parallel calls in one answer at most. */
const maxParallelCalls = 5;

const parallelSignal = /\b(and|both|each|every|all|also|as well as)\b|[,;]|\n\s*(?:[-*•]|\d+[.)])\s/i;

interface Candidate extends DeclarationScore {
  filled: FilledArguments;
}

function callKey(name: string, args: unknown): string {
  return `${name}:${JSON.stringify(args)}`;
}

/** The declarations the request allows the model to call, and the calling mode. */
function callableDeclarations(request: GenerateContentRequest): {
  declarations: FunctionDeclaration[];
  mode: string;
} {
  const config = request.toolConfig?.functionCallingConfig ?? {};
  const mode = String(config.mode ?? 'AUTO').toUpperCase();
  const all = (request.tools ?? []).flatMap((tool) => tool.functionDeclarations ?? []);
  const allowed = config.allowedFunctionNames ?? [];
  const declarations =
    allowed.length > 0 ? all.filter((declaration) => allowed.includes(declaration.name)) : all;
  return { declarations: mode === 'NONE' ? [] : declarations, mode };
}

/** Request parts that may each call for their own call ("add 2 and 3? Also 4 and 5?"). */
function segmentsOf(request: string, text: string): Span[] {
  // Multi-part requests are short; a long document is material, not a list of tasks.
  if (request.length > maxSegmentedRequestLength) return [];
  const pieces = splitSentences(request).flatMap((sentence) =>
    sentence.split(/;\s+|\s+(?:and then|then|also)\s+/i),
  );
  const spans: Span[] = [];
  let cursor = 0;
  for (const piece of pieces) {
    const index = text.indexOf(piece, cursor);
    if (index < 0) continue;
    spans.push({ text: piece, index });
    cursor = index + piece.length;
  }
  return spans;
}

/** Whether one segment holds every required argument of a declaration by itself. */
function segmentSupports(declaration: FunctionDeclaration, segment: Span, context: ValueContext): boolean {
  const node = parametersOf(declaration);
  if (node.type !== 'object' || node.required.length === 0) return false;
  const numbersNeeded = node.properties.filter(
    ({ name, schema }) =>
      node.required.includes(name) && (schema.type === 'number' || schema.type === 'integer'),
  ).length;
  if (numbersNeeded > 0 && findNumbers(segment.text).length < numbersNeeded) return false;
  for (const { name, schema } of node.properties) {
    if (!node.required.includes(name) || schema.type !== 'string') continue;
    const kind = classifyField(name, schema.description);
    const candidates = stringCandidates(kind, { name, focus: segment, depth: 1 }, context, true);
    if (!candidates.some((candidate) => segment.text.includes(candidate))) return false;
  }
  return true;
}

/** The one required string parameter whose several values in the text each deserve a call, if any. */
function expandableParameter(
  declaration: FunctionDeclaration,
  context: ValueContext,
): { name: string; values: string[] } | undefined {
  const node = parametersOf(declaration);
  if (node.type !== 'object') return undefined;
  const required = node.properties.filter(({ name }) => node.required.includes(name));
  if (required.length !== 1) return undefined;
  const [parameter] = required;
  if (parameter === undefined || parameter.schema.type !== 'string') return undefined;
  const kind = classifyField(parameter.name, parameter.schema.description);
  if (!['file', 'url', 'place', 'company', 'person', 'email', 'item'].includes(kind)) return undefined;
  const values = stringCandidates(kind, { name: parameter.name, depth: 1 }, context, true);
  return { name: parameter.name, values };
}

/** Expands one chosen declaration into one or several calls (see README: parallel calls). */
function expand(
  candidate: Candidate,
  conversation: Conversation,
  context: ValueContext,
  called: Set<string>,
  followUp: boolean,
): FunctionCall[] {
  const { declaration } = candidate;
  const request = conversation.requestText;
  const calls: FunctionCall[] = [];
  const add = (args: Record<string, unknown>) => {
    const key = callKey(declaration.name, args);
    if (called.has(key) || calls.some((call) => callKey(call.name, call.args) === key)) return;
    calls.push({ name: declaration.name, args });
  };
  const segments = segmentsOf(request, context.facts.text).filter((segment) =>
    segmentSupports(declaration, segment, context),
  );
  if (!followUp && segments.length >= 2) {
    for (const segment of segments)
      add(fillArguments(declaration, context, { focus: segment, request }).args);
  }
  const expandable =
    calls.length === 0 && (parallelSignal.test(request) || followUp)
      ? expandableParameter(declaration, context)
      : undefined;
  if (expandable !== undefined && expandable.values.length >= 2) {
    const fresh = expandable.values.filter(
      (value) => !called.has(callKey(declaration.name, { [expandable.name]: value })),
    );
    const relevant = followUp ? fresh.filter((value) => isRelevant(value, request)) : fresh;
    for (const value of (relevant.length > 0 ? relevant : fresh.slice(0, 1)).slice(0, maxParallelCalls)) {
      add(fillArguments(declaration, context, { forced: { [expandable.name]: value }, request }).args);
    }
  }
  if (calls.length === 0) add(candidate.filled.args);
  return calls.slice(0, maxParallelCalls);
}

function isRelevant(value: string, request: string): boolean {
  const valueWords = value
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 2 && !/^(md|txt|csv|json|pdf|log)$/.test(word));
  const requestText = request.toLowerCase();
  return valueWords.some(
    (word) => requestText.includes(word) || requestText.includes(word.replace(/s$/, '')),
  );
}

/**
 * Decides the function calls of an answer (none means the model answers in text). See
 * `src/model/README.md` for the rules: scoring, the AUTO threshold, ANY and NONE modes,
 * `allowedFunctionNames`, parallel calls and follow-up calls after function results.
 */
export function chooseFunctionCalls(
  request: GenerateContentRequest,
  conversation: Conversation,
  seed: number,
): FunctionCall[] {
  const { declarations, mode } = callableDeclarations(request);
  if (declarations.length === 0) return [];
  const forced = mode === 'ANY';
  if (!forced && conversation.callsInTurn.length >= maxCallsPerTurn) return [];
  const followUp = conversation.latestResults.length > 0;
  const context = createValueContext(conversation, seed);
  const called = new Set(conversation.callsInTurn.map((call) => callKey(call.name, call.args ?? {})));
  const calledNames = new Set(conversation.callsInTurn.map((call) => call.name));
  const latestText = conversation.latestResults.map(resultText).join('\n');
  const requestExpressions = findExpressions(conversation.requestText);
  const calledConcepts = new Set(
    declarations
      .filter((declaration) => calledNames.has(declaration.name))
      .flatMap((declaration) => [...scoreDeclaration(declaration, '', '').concepts]),
  );
  const namesSomething =
    /["“'][^"”']{2,}["”']/.test(conversation.requestText) ||
    /(?<=[\p{L},;]\s+)\p{Lu}\p{Ll}+/u.test(conversation.requestText);
  const needsInformation =
    /\?|^\s*(who|what|when|where|which|how|find|look up|tell me)\b/i.test(conversation.requestText) &&
    conversation.requestText.split(/\s+/).length <= 60 &&
    conversation.historyTexts.length === 0;
  const candidates: Candidate[] = declarations.map((declaration) => {
    const scored = scoreDeclaration(declaration, conversation.requestText, conversation.systemText);
    const filled = fillArguments(declaration, context, { request: conversation.requestText });
    let score = scored.score;
    // An agent's first step: a question whose answer is not in the prompt goes to an information tool.
    if (
      !followUp &&
      needsInformation &&
      scored.concepts.size > 0 &&
      [...scored.concepts].some((concept) => informationConcepts.includes(concept))
    ) {
      score += 2;
      // A question about a specific name or phrase ("Which file mentions Lisbon?") is a search.
      if (scored.concepts.has('search') && namesSomething) score += 1;
    }
    // A tool that changes things (writes, sends) is never called just because it fits the topic.
    const sideEffects = [...scored.concepts].filter((concept) => sideEffectConcepts.includes(concept));
    if (
      sideEffects.length > 0 &&
      !scored.matched.has(`name:${declaration.name}`) &&
      !sideEffects.some((concept) => scored.matched.has(`concept:${concept}`))
    ) {
      score = 0;
    }
    if (followUp && !forced) {
      // After results, a tool is called only for what the results made possible (inputs they supplied,
      // arithmetic over their numbers) or for a part of the request no tool of its kind has served yet.
      const fresh = Object.values(filled.args).some(
        (value) => typeof value === 'string' && value.length > 1 && latestText.includes(value),
      );
      const repeat = called.has(callKey(declaration.name, filled.args));
      const computesResults =
        scored.concepts.has('math') &&
        context.facts.expressions.some((expression) => !requestExpressions.includes(expression));
      const sameKind =
        calledNames.has(declaration.name) ||
        [...scored.concepts].some((concept) => calledConcepts.has(concept));
      if (repeat) score = 0;
      else if (fresh) score += 4;
      else if (computesResults && scored.matched.has('concept:math')) score += 2;
      else if (sameKind) score = 0;
    }
    return { ...scored, score, filled };
  });
  const ranked = [...candidates].sort(
    (left, right) => right.score - left.score || left.position - right.position,
  );
  const eligible = ranked.filter(
    (candidate) => candidate.score >= callThreshold && candidate.filled.complete,
  );
  const best = eligible[0] ?? (forced ? ranked[0] : undefined);
  if (best === undefined) return [];
  const chosen = [best];
  if (!best.exclusive && parallelSignal.test(conversation.requestText)) {
    for (const other of eligible.slice(1)) {
      const distinct = [...other.matched].some((word) => !best.matched.has(word));
      if (!other.exclusive && distinct && other.score >= best.score * 0.5) chosen.push(other);
    }
  }
  const calls = chosen.flatMap((candidate) =>
    expand(candidate, conversation, context, forced ? new Set() : called, followUp),
  );
  if (calls.length === 0 && forced) return [{ name: best.declaration.name, args: best.filled.args }];
  return calls.slice(0, maxParallelCalls);
}
