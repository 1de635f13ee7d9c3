import type { TokenUsage } from './token-usage.js';
import { TokenOffError } from './tokenoff-error.js';

/** Finish reasons that mean a safety or policy filter stopped the answer: always `blocked`. */
const blockedFinishReasons = new Set([
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/**
 * What to do with an answer that hit `maxOutputTokens` after writing something.
 * `'return'` hands it back with `finishReason: 'MAX_TOKENS'` in `response_metadata` (the tokens are paid
 * for, and a cut summary is often still useful); `'throw'` raises a `truncated` error instead.
 * An answer that hit the limit before writing anything is always a `truncated` error.
 */
export type TruncatedAnswers = 'return' | 'throw';

export interface FinishFacts {
  model: string;
  /** The candidate's finishReason; undefined when there was no candidate. */
  finishReason: string | undefined;
  /** `promptFeedback.blockReason`, when the prompt itself was blocked. */
  blockReason: string | undefined;
  /** Whether a candidate existed at all. */
  hasCandidate: boolean;
  /** Whether the answer has usable content (text, a call, code or media; thoughts alone do not count). */
  answered: boolean;
  usage: TokenUsage | undefined;
  truncatedAnswers: TruncatedAnswers;
  maxOutputTokens?: number | undefined;
}

/**
 * Decides whether a finished answer is a success or a {@link TokenOffError}: a blocked prompt or a safety
 * finish is `blocked`; MAX_TOKENS with nothing written is `truncated`; a model-side failure with nothing
 * written (MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, OTHER, ...) is `server`, which the gateway
 * retries; MISSING_THOUGHT_SIGNATURE is `invalid_request` (the history lacks a signature).
 */
export function checkFinish(facts: FinishFacts): TokenOffError | undefined {
  const { model, finishReason, usage } = facts;
  const withUsage = usage ? { usage } : {};
  if (facts.blockReason || !facts.hasCandidate) {
    const reason = facts.blockReason ?? 'NO_CANDIDATES';
    const message = facts.blockReason
      ? `TokenOff blocked the prompt to model ${model} (blockReason ${reason}) and wrote no answer. Rephrase the prompt or the input row; retrying the same prompt will be blocked again.`
      : `TokenOff answered model ${model}'s call with no candidates and no block reason. Retry; if it repeats, report it.`;
    return new TokenOffError(message, {
      kind: facts.blockReason ? 'blocked' : 'server',
      model,
      reason,
      status: 200,
      ...withUsage,
    });
  }
  if (finishReason && blockedFinishReasons.has(finishReason)) {
    return new TokenOffError(
      `Model ${model} stopped its answer for safety or policy (finishReason ${finishReason})${facts.answered ? '; the partial answer is discarded' : ''}. Rephrase the prompt, or adjust safetySettings if the content is legitimate.`,
      { kind: 'blocked', model, reason: finishReason, status: 200, ...withUsage },
    );
  }
  if (finishReason === 'MAX_TOKENS' && (!facts.answered || facts.truncatedAnswers === 'throw')) {
    const limit = facts.maxOutputTokens !== undefined ? ` of maxOutputTokens ${facts.maxOutputTokens}` : '';
    const thinking = usage?.reasoningTokens ? `, ${usage.reasoningTokens} of them thinking tokens` : '';
    const what = facts.answered ? 'and the answer is cut off' : 'before writing any answer';
    return new TokenOffError(
      `Model ${model} hit its output limit (finishReason MAX_TOKENS) ${what}: it used ${usage?.outputTokens ?? 'all'} output tokens${limit}${thinking}. Raise maxOutputTokens, or lower the thinking budget (thinkingConfig).`,
      { kind: 'truncated', model, reason: finishReason, status: 200, ...withUsage },
    );
  }
  if (finishReason === 'MISSING_THOUGHT_SIGNATURE') {
    return new TokenOffError(
      `Model ${model} refused the conversation (finishReason MISSING_THOUGHT_SIGNATURE): a function call in the history lacks the thought signature Gemini 3 returned with it. Send back the AIMessage exactly as ChatTokenOff returned it (its additional_kwargs keep the signatures).`,
      { kind: 'invalid_request', model, reason: finishReason, status: 200, ...withUsage },
    );
  }
  if (!facts.answered && finishReason && finishReason !== 'STOP') {
    return new TokenOffError(
      `Model ${model} ended without an answer (finishReason ${finishReason}). This is a model-side failure that often passes: retry, or fall back to another model.`,
      { kind: 'server', model, reason: finishReason, status: 200, ...withUsage },
    );
  }
  return undefined;
}
