import type { BaseMessage } from '@langchain/core/messages';

/** Characters per token in the pre-call estimate (Gemini averages about 4 for English text). */
export const charactersPerToken = 4;

/**
 * A quick estimate of a request's input tokens, for the TPM window before the real count is known
 * (it is corrected from `usageMetadata` after the call). Counts the text of every message (strings and
 * text parts), tool calls' arguments, and the JSON of tool declarations and response schemas.
 */
export function estimateInputTokens(
  messages: readonly BaseMessage[],
  extra: readonly unknown[] = [],
): number {
  let characters = 0;
  for (const message of messages) {
    characters += contentCharacters(message.content);
    const toolCalls = (message as { tool_calls?: unknown[] }).tool_calls;
    if (toolCalls && toolCalls.length > 0) characters += jsonLength(toolCalls);
  }
  for (const item of extra) if (item !== undefined) characters += jsonLength(item);
  return Math.ceil(characters / charactersPerToken);
}

function contentCharacters(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  let characters = 0;
  for (const part of content) {
    if (typeof part === 'string') characters += part.length;
    else if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') {
      characters += (part as { text: string }).text.length;
    } else {
      // Images and other media: Gemini bills a fixed block per item (258 tokens per image tile).
      characters += 258 * charactersPerToken;
    }
  }
  return characters;
}

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
