import type { CandidatePlan, ResponsePlan } from './response-plan.js';
import type { Candidate, GenerateContentResponse, Part } from './types.js';
import { buildUsageMetadata } from './usage-metadata.js';

/** A candidate object in the recorded key order: content, finishReason, safetyRatings, index, finishMessage. */
export function buildCandidate(plan: CandidatePlan, parts: Part[] | undefined, finished: boolean): Candidate {
  const ordered: Record<string, unknown> = {};
  if (parts !== undefined && parts.length > 0) {
    ordered.content = { parts, role: 'model' };
  } else {
    const empty = plan.emptyContent ?? 'role-only';
    if (empty === 'role-only') ordered.content = { role: 'model' };
    if (empty === 'empty-object') ordered.content = {};
  }
  if (finished) ordered.finishReason = plan.finishReason;
  if (finished && plan.safetyRatings !== undefined) ordered.safetyRatings = plan.safetyRatings;
  ordered.index = 0;
  if (finished && plan.finishMessage !== undefined) ordered.finishMessage = plan.finishMessage;
  return ordered as unknown as Candidate;
}

/** The unary generateContent body for a plan. */
export function buildUnaryResponse(plan: ResponsePlan): GenerateContentResponse {
  const response: Record<string, unknown> = {};
  const candidate = plan.candidate;
  if (candidate !== undefined) {
    response.candidates = [
      buildCandidate(candidate, [...candidate.thoughtParts, ...candidate.answerParts], true),
    ];
  }
  if (plan.promptFeedback !== undefined) response.promptFeedback = plan.promptFeedback;
  response.usageMetadata = buildUsageMetadata({
    prompt: plan.promptTokenCount,
    candidates: candidate?.candidatesTokenCount ?? 0,
    thoughts: candidate?.thoughtsTokenCount ?? 0,
  });
  response.modelVersion = plan.modelVersion;
  response.responseId = plan.responseId;
  return response as unknown as GenerateContentResponse;
}
