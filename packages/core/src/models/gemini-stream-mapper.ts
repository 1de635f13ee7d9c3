import { AIMessageChunk, type UsageMetadata } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import { checkFinish, type TruncatedAnswers } from './check-finish.js';
import {
  answerTextOf,
  contentOf,
  functionCallsOf,
  hasAnswer,
  signaturesOf,
  thoughtSignaturesKey,
} from './gemini-parts.js';
import type { GeminiResponse } from './gemini-response.js';
import { finishMetadataOf, responseMetadataOf } from './map-gemini-response.js';
import type { TokenUsage } from './token-usage.js';
import { TokenOffError } from './tokenoff-error.js';
import { subtractUsageMetadata, toTokenUsage, toUsageMetadata } from './usage-metadata.js';

export interface StreamMapperOptions {
  model: string;
  truncatedAnswers: TruncatedAnswers;
  maxOutputTokens?: number | undefined;
  /** Whether chunks carry `usage_metadata`. @default true */
  includeUsage?: boolean;
}

/**
 * Maps the SSE chunks of one streamed answer to LangChain chunks that concatenate correctly:
 * - every chunk's usage is the delta from the previous cumulative `usageMetadata`, so the sum is the final
 *   count (never double-counted when a chunk has no usage, never lost when the last chunk has no parts);
 * - `modelVersion`/`responseId` ride on the first chunk and `finishReason` on the last only, because
 *   LangChain concatenates repeated string metadata;
 * - tool call chunks get distinct indexes so parallel calls never merge;
 * - the final chunk is checked like a unary answer (blocked, truncated), and `end()` raises `network` when
 *   the stream stopped before any finishReason: a cut connection is never a truncated success.
 */
export class GeminiStreamMapper {
  readonly #options: StreamMapperOptions;
  #previousUsage: UsageMetadata | undefined;
  #chunks = 0;
  #toolCalls = 0;
  #answered = false;
  #finished = false;

  constructor(options: StreamMapperOptions) {
    this.#options = options;
  }

  /** How many chunks have been mapped. */
  get chunkCount(): number {
    return this.#chunks;
  }

  /** The cumulative usage reported so far (for errors on a broken stream). */
  get usage(): TokenUsage | undefined {
    return this.#previousUsage ? toTokenUsage(this.#previousUsage) : undefined;
  }

  map(response: GeminiResponse): ChatGenerationChunk {
    const candidate = response.candidates?.[0];
    const parts = candidate?.content?.parts ?? [];
    const first = this.#chunks === 0;
    this.#chunks += 1;
    this.#answered ||= hasAnswer(parts);

    let usageDelta: UsageMetadata | undefined;
    if (response.usageMetadata) {
      const cumulative = toUsageMetadata(response.usageMetadata);
      usageDelta = subtractUsageMetadata(cumulative, this.#previousUsage);
      this.#previousUsage = cumulative;
    }

    const blockReason = response.promptFeedback?.blockReason;
    const finishReason = candidate?.finishReason;
    const final = finishReason !== undefined || blockReason !== undefined;
    if (final) {
      this.#finished = true;
      const failure = checkFinish({
        model: this.#options.model,
        finishReason,
        blockReason,
        hasCandidate: candidate !== undefined,
        answered: this.#answered,
        usage: this.usage,
        truncatedAnswers: this.#options.truncatedAnswers,
        maxOutputTokens: this.#options.maxOutputTokens,
      });
      if (failure) throw failure;
    }

    const calls = functionCallsOf(parts);
    const finishMetadata = final ? finishMetadataOf(candidate) : {};
    const metadata = {
      ...(first ? responseMetadataOf(response, this.#options.model) : { model_provider: 'google-genai' }),
      ...finishMetadata,
      ...(final && response.usageMetadata ? { usageMetadata: response.usageMetadata } : {}),
    };
    const message = new AIMessageChunk({
      content: contentOf(parts),
      tool_call_chunks: calls.map((call) => ({
        type: 'tool_call_chunk',
        id: call.id,
        name: call.name,
        args: JSON.stringify(call.args),
        index: this.#toolCalls++,
      })),
      additional_kwargs: calls.length > 0 ? { [thoughtSignaturesKey]: signaturesOf(calls) } : {},
      response_metadata: metadata,
      ...(usageDelta && this.#options.includeUsage !== false ? { usage_metadata: usageDelta } : {}),
    });
    return new ChatGenerationChunk({
      text: answerTextOf(parts),
      message,
      ...(final ? { generationInfo: finishMetadata } : {}),
    });
  }

  /** Call when the stream closed cleanly: throws `network` if the answer never finished. */
  end(): void {
    if (this.#finished) return;
    const usage = this.usage;
    throw new TokenOffError(
      `The stream from model ${this.#options.model} ended after ${this.#chunks} chunk(s) without a finishReason: the connection was cut and the answer is incomplete. Retry the call.`,
      { kind: 'network', model: this.#options.model, status: 200, ...(usage ? { usage } : {}) },
    );
  }
}
