import type { Content, FunctionCall, GenerateContentRequest, Part } from '../wire/types.js';

/** A function result the client sent back, with the call it answers when known. */
export interface FunctionResult {
  name: string;
  id?: string;
  response: Record<string, unknown>;
}

/** What the model needs to know about a conversation, read once. */
export interface Conversation {
  /** Text of the system instruction. */
  systemText: string;
  /** Text of the user content that started the current turn (the request being worked on). */
  requestText: string;
  /** Texts of earlier user turns and of non-text context, oldest first. */
  historyTexts: string[];
  /** Function calls the model made in the current turn, oldest first. */
  callsInTurn: FunctionCall[];
  /** Every function result sent back in the current turn, oldest first. */
  resultsInTurn: FunctionResult[];
  /** Function results in the latest content only (what the model must react to now). */
  latestResults: FunctionResult[];
}

function isUserRole(content: Content): boolean {
  return content.role !== 'model';
}

function textOf(parts: readonly Part[] | undefined): string {
  return (parts ?? [])
    .filter((part) => typeof part.text === 'string' && part.thought !== true)
    .map((part) => part.text)
    .join('\n');
}

function resultsOf(content: Content): FunctionResult[] {
  const results: FunctionResult[] = [];
  for (const part of content.parts ?? []) {
    const response = part.functionResponse;
    if (response === undefined || response === null) continue;
    results.push({
      name: response.name,
      ...(response.id === undefined ? {} : { id: response.id }),
      response: response.response ?? {},
    });
  }
  return results;
}

/**
 * Reads a request's conversation: the system text, the user request of the current turn (the last user
 * content with text), the calls and results exchanged since, and the results the latest content holds.
 */
export function readConversation(request: GenerateContentRequest): Conversation {
  const contents = request.contents ?? [];
  let start = -1;
  for (let index = contents.length - 1; index >= 0; index -= 1) {
    const content = contents[index];
    if (content !== undefined && isUserRole(content) && textOf(content.parts).trim() !== '') {
      start = index;
      break;
    }
  }
  const historyTexts = contents
    .slice(0, Math.max(start, 0))
    .map((content) => textOf(content.parts))
    .filter((text) => text.trim() !== '');
  const callsInTurn: FunctionCall[] = [];
  const resultsInTurn: FunctionResult[] = [];
  for (const content of contents.slice(start + 1)) {
    if (content.role === 'model') {
      for (const part of content.parts ?? []) if (part.functionCall) callsInTurn.push(part.functionCall);
    } else {
      resultsInTurn.push(...resultsOf(content));
    }
  }
  const latest = contents.at(-1);
  return {
    systemText: textOf(request.systemInstruction?.parts),
    requestText: start >= 0 ? textOf(contents[start]?.parts) : '',
    historyTexts,
    callsInTurn,
    resultsInTurn: start >= 0 ? [...resultsOf(contents[start] as Content), ...resultsInTurn] : resultsInTurn,
    latestResults: latest !== undefined && isUserRole(latest) ? resultsOf(latest) : [],
  };
}

/** Renders a function result as readable text: strings as they are, other values as compact JSON. */
export function resultText(result: FunctionResult): string {
  const values = Object.values(result.response);
  if (values.length === 1 && typeof values[0] === 'string') return values[0];
  return JSON.stringify(result.response);
}
