import {
  AIMessage,
  AIMessageChunk,
  type BaseMessage,
  mapChatMessagesToStoredMessages,
  mapStoredMessagesToChatMessages,
  type StoredMessage,
} from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { isLangChainTool } from '@langchain/core/utils/function_calling';
import { toJsonSchema } from '@langchain/core/utils/json_schema';

/** Call options that shape the answer, and so the cache key. */
const answerShapingOptions = ['tool_choice', 'allowedFunctionNames', 'responseSchema', 'stop', 'streamUsage'];

/**
 * Everything that decides an answer, as plain data for the cache key: the requested model, its settings,
 * the messages (without ids, which differ between runs), tools (as JSON schema) and the call options
 * that change the request. Keys and URLs are not in it: the gateway never hands them to routed models.
 */
export function requestMaterial(
  model: string,
  settings: Readonly<Record<string, unknown>>,
  messages: readonly BaseMessage[],
  options: Record<string, unknown>,
): unknown {
  const shaping: Record<string, unknown> = {};
  for (const key of answerShapingOptions) if (options[key] !== undefined) shaping[key] = options[key];
  const tools = Array.isArray(options.tools) ? options.tools.map(toolMaterial) : undefined;
  return {
    model,
    settings,
    messages: messages.map((message) => ({
      type: message.getType(),
      content: message.content,
      name: message.name,
      additional_kwargs: message.additional_kwargs,
      tool_calls: (message as AIMessage).tool_calls,
      tool_call_id: (message as { tool_call_id?: string }).tool_call_id,
    })),
    tools,
    options: shaping,
  };
}

function toolMaterial(tool: unknown): unknown {
  if (!isLangChainTool(tool as never)) return tool;
  const { name, description, schema } = tool as { name: string; description?: string; schema: unknown };
  let parameters: unknown;
  try {
    parameters = toJsonSchema(schema as never);
  } catch {
    parameters = String(schema);
  }
  return { name, description, parameters };
}

interface CachedGeneration {
  text: string;
  message: StoredMessage;
  generationInfo?: Record<string, unknown>;
}

/** A unary result as cache data. */
export function chatResultToCache(result: ChatResult): unknown {
  return result.generations.map(
    (generation): CachedGeneration => ({
      text: generation.text,
      message: mapChatMessagesToStoredMessages([generation.message])[0] as StoredMessage,
      ...(generation.generationInfo ? { generationInfo: generation.generationInfo } : {}),
    }),
  );
}

/** Cache data back to a unary result; usage is zeroed (nothing was billed for this answer). */
export function chatResultFromCache(data: unknown): ChatResult {
  if (!Array.isArray(data) || data.length === 0) throw new TypeError('not a cached chat result');
  return {
    generations: (data as CachedGeneration[]).map((entry) => {
      const [message] = mapStoredMessagesToChatMessages([entry.message]);
      if (!message) throw new TypeError('not a cached chat message');
      return {
        text: entry.text,
        message: zeroUsage(message),
        ...(entry.generationInfo ? { generationInfo: entry.generationInfo } : {}),
      };
    }),
  };
}

/** Streamed chunks as cache data (one concatenated chunk). */
export function chunksToCache(chunks: ChatGenerationChunk[]): unknown {
  const [first, ...rest] = chunks;
  if (!first) return [];
  const whole = rest.reduce((sum, chunk) => sum.concat(chunk), first);
  return chatResultToCache({
    generations: [{ text: whole.text, message: new AIMessage({ ...whole.message }) }],
  });
}

/** Cache data back to one stream chunk. */
export function chunkFromCache(data: unknown): ChatGenerationChunk {
  const [generation] = chatResultFromCache(data).generations;
  if (!generation) throw new TypeError('not a cached chat result');
  const message = generation.message as AIMessage;
  return new ChatGenerationChunk({
    text: generation.text,
    message: new AIMessageChunk({
      content: message.content,
      additional_kwargs: message.additional_kwargs,
      response_metadata: message.response_metadata,
      tool_calls: message.tool_calls ?? [],
      usage_metadata: message.usage_metadata,
    }),
  });
}

function zeroUsage(message: BaseMessage): BaseMessage {
  if (message instanceof AIMessage && message.usage_metadata) {
    message.usage_metadata = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
  }
  return message;
}
