import type { EmulatedModel } from '../catalog/emulated-models.js';
import { normalizeGenerateContentRequest } from '../validation/normalize-request.js';
import type { FunctionCall, GenerateContentRequest, Part } from '../wire/types.js';
import { chooseFunctionCalls } from './choose-function-calls.js';
import { composeStructuredOutput } from './compose-structured-output.js';
import { composeTextAnswer, summaryIntent } from './compose-text-answer.js';
import { composeThoughts, type ThinkingActivity } from './compose-thoughts.js';
import { deriveBase64, deriveId, hashString } from './deterministic-hash.js';
import { planThinking } from './plan-thinking.js';
import { type Conversation, readConversation } from './read-conversation.js';
import { keyTerms } from './text-analysis.js';
import { countPartTokens, countRequestTokens, countTextTokens } from './tokenizer.js';
import { cutAtStopSequence, truncateToTokens } from './truncate-to-tokens.js';

/** The deterministic model's answer to one request, before the server frames it. */
export interface ModelAnswer {
  /** `{text, thought: true}` parts; non-empty only when `includeThoughts` is set and the model thinks. */
  thoughtParts: Part[];
  /** Thinking tokens spent; > 0 whenever the model thinks, even when thoughts are not returned. */
  thoughtsTokenCount: number;
  /** Text and/or functionCall parts, with thought signatures already placed. */
  answerParts: Part[];
  /** Tokens of `answerParts`, by the emulator's tokenizer. */
  candidatesTokenCount: number;
  /** `STOP`, or `MAX_TOKENS` when `maxOutputTokens` cut the answer (or thinking used it all). */
  finishReason: string;
  /** `Model generated function call(s).` when the answer calls functions. */
  finishMessage?: string;
}

/** Options of {@link generateAnswer}. */
export interface GenerateAnswerOptions {
  /** Varies wording, ids and signatures; the same request and seed always give the same answer. */
  seed: number;
}

/** What the model decided to produce, before thinking and limits are applied. */
interface Draft {
  activity: ThinkingActivity;
  text?: string;
  calls?: FunctionCall[];
  /** Extra thinking for harder work (tools, schemas). */
  effort: number;
}

/**
 * The emulator's model: a pure, deterministic function from a (validated) request to an answer shaped
 * like the real model's. See `src/model/README.md` for the heuristics that decide between text,
 * structured output and function calls.
 */
export function generateAnswer(
  request: GenerateContentRequest,
  model: EmulatedModel,
  options: GenerateAnswerOptions,
): ModelAnswer {
  const normalized = normalizeGenerateContentRequest(request);
  return answerNormalizedRequest(normalized, model, options, countRequestTokens(normalized));
}

/**
 * {@link generateAnswer} for a request that already went through `normalizeGenerateContentRequest`
 * and whose prompt tokens are counted (the server has both from validation): the same answer,
 * without normalizing and counting again.
 */
export function answerNormalizedRequest(
  normalized: GenerateContentRequest,
  model: EmulatedModel,
  options: GenerateAnswerOptions,
  promptTokens: number,
): ModelAnswer {
  const conversation = readConversation(normalized);
  // The key (a hash of the whole request) and the signature derived from it are built only for answers
  // that carry them (function calls, signed text): most answers have neither.
  let requestKey: string | undefined;
  const keyOfRequest = (): string => {
    requestKey ??= `${model.id}:${options.seed}:${hashString(JSON.stringify(normalized))}`;
    return requestKey;
  };
  const signatureOfRequest = (): string => deriveBase64(`signature:${keyOfRequest()}`, 96);
  const draft = draftAnswer(normalized, conversation, options.seed);
  const thinking = planThinking(normalized, model, promptTokens, draft.effort, draft.activity);
  const config = normalized.generationConfig ?? {};
  const maxOutputTokens =
    config.maxOutputTokens !== undefined && config.maxOutputTokens > 0 ? config.maxOutputTokens : undefined;

  const thoughtsTokenCount =
    maxOutputTokens === undefined ? thinking.tokens : Math.min(thinking.tokens, maxOutputTokens);
  const thoughtParts: Part[] = [];
  if (thinking.includeThoughts && thoughtsTokenCount > 0) {
    const terms = keyTerms(conversation.requestText, 3);
    for (const text of composeThoughts(draft.activity, terms, thoughtsTokenCount, options.seed)) {
      thoughtParts.push({ text, thought: true });
    }
  }
  const remaining =
    maxOutputTokens === undefined ? Number.POSITIVE_INFINITY : maxOutputTokens - thoughtsTokenCount;

  if (draft.calls !== undefined && draft.calls.length > 0) {
    const parts = draft.calls.map((call, index): Part => {
      const functionCall: FunctionCall = model.thoughtSignatures
        ? { name: call.name, args: call.args ?? {}, id: deriveId(`${keyOfRequest()}:call:${index}`) }
        : { name: call.name, args: call.args ?? {} };
      const withSignature = index === 0 && (model.thoughtSignatures || thoughtsTokenCount > 0);
      return withSignature ? { functionCall, thoughtSignature: signatureOfRequest() } : { functionCall };
    });
    const tokens = parts.reduce((sum, part) => sum + countPartTokens(part), 0);
    if (tokens > remaining) return truncated(thoughtParts, thoughtsTokenCount);
    return {
      thoughtParts,
      thoughtsTokenCount,
      answerParts: parts,
      candidatesTokenCount: tokens,
      finishReason: 'STOP',
      finishMessage: 'Model generated function call(s).',
    };
  }

  let text = draft.text ?? '';
  const stopped = cutAtStopSequence(text, config.stopSequences ?? []);
  if (stopped !== undefined) text = stopped;
  let finishReason = 'STOP';
  if (countTextTokens(text) > remaining) {
    text = truncateToTokens(text, remaining);
    finishReason = 'MAX_TOKENS';
  }
  if (text === '' && finishReason === 'MAX_TOKENS') return truncated(thoughtParts, thoughtsTokenCount);
  // A text answer is signed when the model thought: always on Gemini 3, with functions declared on 2.5
  // (recorded 030; 006 and 008 answered without thinking and carry none).
  const declaresFunctions = (normalized.tools ?? []).some(
    (tool) => (tool.functionDeclarations ?? []).length > 0,
  );
  const signed = thoughtsTokenCount > 0 && (model.thoughtSignatures || declaresFunctions);
  const part: Part = signed ? { text, thoughtSignature: signatureOfRequest() } : { text };
  return {
    thoughtParts,
    thoughtsTokenCount,
    answerParts: [part],
    candidatesTokenCount: countTextTokens(text),
    finishReason,
  };
}

function truncated(thoughtParts: Part[], thoughtsTokenCount: number): ModelAnswer {
  return {
    thoughtParts,
    thoughtsTokenCount,
    answerParts: [],
    candidatesTokenCount: 0,
    finishReason: 'MAX_TOKENS',
  };
}

function draftAnswer(request: GenerateContentRequest, conversation: Conversation, seed: number): Draft {
  const calls = chooseFunctionCalls(request, conversation, seed);
  if (calls.length > 0) return { activity: 'tool-call', calls, effort: 40 };
  const structured = composeStructuredOutput(request, conversation, seed);
  if (structured !== undefined) return { activity: 'structured', text: structured, effort: 60 };
  const activity: ThinkingActivity =
    conversation.latestResults.length > 0
      ? 'tool-results'
      : summaryIntent.test(conversation.requestText)
        ? 'summary'
        : conversation.requestText.includes('?')
          ? 'question'
          : 'reply';
  return { activity, text: composeTextAnswer({ conversation, seed }), effort: 0 };
}
