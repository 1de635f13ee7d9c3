import type { MessageContent } from '@langchain/core/messages';
import { v4 as uuid } from '@langchain/core/utils/uuid';
import type { GeminiPart } from './gemini-response.js';

/**
 * Where LangChain's Gemini integration keeps function-call thought signatures (by tool call id) so that
 * it sends them back on the next turn. Gemini 3 rejects a history function call without its signature.
 */
export const thoughtSignaturesKey = '__gemini_function_call_thought_signatures__';

export interface MappedFunctionCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
  thoughtSignature?: string;
}

/** The function calls among `parts`, each with an id (the server's, or a new uuid) and its signature. */
export function functionCallsOf(parts: readonly GeminiPart[]): MappedFunctionCall[] {
  const calls: MappedFunctionCall[] = [];
  for (const part of parts) {
    const call = part.functionCall;
    if (!call) continue;
    const mapped: MappedFunctionCall = {
      id: typeof call.id === 'string' && call.id ? call.id : uuid(),
      name: call.name,
      args: call.args ?? {},
    };
    if (part.thoughtSignature) mapped.thoughtSignature = part.thoughtSignature;
    calls.push(mapped);
  }
  return calls;
}

/** `{ [toolCallId]: signature }` for the calls that carry one. */
export function signaturesOf(calls: readonly MappedFunctionCall[]): Record<string, string> {
  const signatures: Record<string, string> = {};
  for (const call of calls) if (call.thoughtSignature) signatures[call.id] = call.thoughtSignature;
  return signatures;
}

/**
 * Parts as LangChain message content, in the shape `@langchain/google-genai` produces (so history round-trips
 * through its request conversion): plain answer text becomes a string; anything else becomes content blocks
 * (`thinking` with its signature, `text`, `functionCall`, `inlineData`, `executableCode`, ...).
 */
export function contentOf(parts: readonly GeminiPart[]): MessageContent {
  const text = plainTextOf(parts);
  if (text !== undefined) return text;
  return parts.map((part) => {
    if (part.thought && typeof part.text === 'string') {
      return {
        type: 'thinking',
        thinking: part.text,
        ...(part.thoughtSignature ? { signature: part.thoughtSignature } : {}),
      };
    }
    if (typeof part.text === 'string') return { type: 'text', text: part.text };
    if (part.functionCall) return { type: 'functionCall', functionCall: part.functionCall };
    if (part.inlineData) return { type: 'inlineData', inlineData: part.inlineData };
    if (part.fileData) return { type: 'fileData', fileData: part.fileData };
    if (part.executableCode) return { type: 'executableCode', executableCode: part.executableCode };
    if (part.codeExecutionResult)
      return { type: 'codeExecutionResult', codeExecutionResult: part.codeExecutionResult };
    if (part.functionResponse) return { type: 'functionResponse', functionResponse: part.functionResponse };
    return { type: 'text', text: '' };
  }) as MessageContent;
}

/** The parts' text joined when every part is plain answer text (no thought), else undefined. */
function plainTextOf(parts: readonly GeminiPart[]): string | undefined {
  let text = '';
  for (const part of parts) {
    if (typeof part.text !== 'string' || part.thought) return undefined;
    text += part.text;
  }
  return text;
}

/** The answer text (thoughts excluded). */
export function answerTextOf(parts: readonly GeminiPart[]): string {
  return parts
    .filter((p) => !p.thought && typeof p.text === 'string')
    .map((p) => p.text)
    .join('');
}

/** Whether the parts hold anything a caller can use: answer text, a call, code or media (not just thoughts). */
export function hasAnswer(parts: readonly GeminiPart[]): boolean {
  return parts.some(
    (p) =>
      (!p.thought && typeof p.text === 'string' && p.text.length > 0) ||
      p.functionCall !== undefined ||
      p.inlineData !== undefined ||
      p.fileData !== undefined ||
      p.executableCode !== undefined ||
      p.codeExecutionResult !== undefined,
  );
}
