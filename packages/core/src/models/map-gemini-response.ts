import { AIMessage, type AIMessageFields } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { checkFinish, type TruncatedAnswers } from './check-finish.js';
import {
  answerTextOf,
  contentOf,
  functionCallsOf,
  hasAnswer,
  signaturesOf,
  thoughtSignaturesKey,
} from './gemini-parts.js';
import type { GeminiCandidate, GeminiResponse } from './gemini-response.js';
import { spreadInto } from './spread-into.js';
import { toTokenUsage, toUsageMetadata } from './usage-metadata.js';

export interface MapResponseOptions {
  /** The model the call went to (used in messages and as `model_name` when the answer names none). */
  model: string;
  truncatedAnswers: TruncatedAnswers;
  maxOutputTokens?: number | undefined;
  /** Whether to attach `usage_metadata`. @default true */
  includeUsage?: boolean;
}

/**
 * A unary Gemini answer as a LangChain `ChatResult`, or a thrown {@link TokenOffError} for a blocked,
 * truncated or empty-by-failure answer (see `checkFinish`). Only the first candidate is read.
 */
export function mapGeminiResponse(response: GeminiResponse, options: MapResponseOptions): ChatResult {
  const candidate = response.candidates?.[0];
  const parts = candidate?.content?.parts ?? [];
  const usageMetadata = response.usageMetadata ? toUsageMetadata(response.usageMetadata) : undefined;
  const blockReason = response.promptFeedback?.blockReason;
  // A candidate that stopped normally (STOP) of a prompt that was not blocked passes checkFinish whatever
  // it holds: the usual answer skips building its facts (an object, the usage, the parts scanned).
  if (candidate?.finishReason !== 'STOP' || blockReason) {
    const failure = checkFinish({
      model: options.model,
      finishReason: candidate?.finishReason,
      blockReason,
      hasCandidate: candidate !== undefined,
      answered: hasAnswer(parts),
      usage: usageMetadata ? toTokenUsage(usageMetadata) : undefined,
      truncatedAnswers: options.truncatedAnswers,
      maxOutputTokens: options.maxOutputTokens,
    });
    if (failure) throw failure;
  }

  const calls = functionCallsOf(parts);
  // The closing fields once: they are the generation's info, and a copy of them joins the message's metadata.
  const finish = finishMetadataOf(candidate);
  const metadata = spreadInto(responseMetadataOf(response, options.model), finish);
  if (response.usageMetadata) metadata.usageMetadata = response.usageMetadata;
  const content = contentOf(parts);
  const fields: AIMessageFields = {
    content,
    tool_calls:
      calls.length === 0
        ? []
        : calls.map((call) => ({ type: 'tool_call', id: call.id, name: call.name, args: call.args })),
    additional_kwargs: { [thoughtSignaturesKey]: signaturesOf(calls) },
    response_metadata: metadata,
  };
  if (usageMetadata && options.includeUsage !== false) fields.usage_metadata = usageMetadata;
  return {
    generations: [
      {
        // Content that is a string is the answer text already (every part is plain answer text).
        text: typeof content === 'string' ? content : answerTextOf(parts),
        message: new AIMessage(fields),
        generationInfo: finish,
      },
    ],
    llmOutput: {
      tokenUsage: {
        promptTokens: usageMetadata?.input_tokens,
        completionTokens: usageMetadata?.output_tokens,
        totalTokens: usageMetadata?.total_tokens,
      },
    },
  };
}

/** Fields that are the same on every chunk of an answer: put them on one chunk only in a stream. */
export function responseMetadataOf(response: GeminiResponse, model: string): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    model_provider: 'google-genai',
    // `model` is LangChain's standard field (its chat-model contract checks it); `model_name` the older one.
    model: response.modelVersion ?? model,
    model_name: response.modelVersion ?? model,
  };
  if (response.modelVersion) metadata.modelVersion = response.modelVersion;
  if (response.responseId) metadata.responseId = response.responseId;
  return metadata;
}

/** The candidate's closing fields: `finishReason` (and LangChain's `finish_reason`), message, ratings. */
export function finishMetadataOf(candidate: GeminiCandidate | undefined): Record<string, unknown> {
  if (!candidate) return {};
  const { content: _content, index: _index, ...rest } = candidate;
  // Assigned, not spread into a second object literal: that spread cost ten times the rest (see spread-into).
  const finish: Record<string, unknown> = rest;
  if (candidate.finishReason) finish.finish_reason = candidate.finishReason;
  return finish;
}
