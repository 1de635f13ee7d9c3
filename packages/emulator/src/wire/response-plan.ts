import type { Candidate, Part } from './types.js';

/**
 * Everything needed to write one generateContent answer, unary or streamed. It is the model's answer
 * (or a fault's) plus what the server assigns: ids and the prompt's token count.
 */
export interface ResponsePlan {
  /** `modelVersion` on every response and chunk. */
  modelVersion: string;
  /** `responseId`, the same on every chunk of one stream. */
  responseId: string;
  promptTokenCount: number;
  /** Gemini 3 streams end with an empty text part (carrying the signature), as recorded. */
  emptyFinalTextPart: boolean;
  /** The single candidate; absent when the prompt was blocked. */
  candidate?: CandidatePlan;
  promptFeedback?: { blockReason: string; blockReasonMessage?: string };
}

export interface CandidatePlan {
  thoughtParts: Part[];
  thoughtsTokenCount: number;
  answerParts: Part[];
  candidatesTokenCount: number;
  finishReason: string;
  finishMessage?: string;
  /**
   * How a candidate without parts is written: no `content` (UNEXPECTED_TOOL_CALL), `content: {}`
   * (SAFETY), or `content: {role: "model"}` (MAX_TOKENS while thinking).
   * @default 'role-only'
   */
  emptyContent?: 'absent' | 'empty-object' | 'role-only';
  safetyRatings?: Candidate['safetyRatings'];
}
