import type { BaseMessage } from '@langchain/core/messages';
import { thoughtSignaturesKey } from './gemini-parts.js';
import type { GeminiPart } from './gemini-response.js';

/** One Gemini turn. */
export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

export interface GeminiContents {
  systemInstruction?: { parts: GeminiPart[] };
  contents: GeminiContent[];
}

export interface ToGeminiContentsOptions {
  /** The model id: Gemini 3 models need a thought signature on every history function call. */
  model: string;
  /** Send system messages as user text instead of `systemInstruction`. @default false */
  systemAsUser?: boolean;
}

/**
 * Gemini's documented stand-in signature for a function call that has none (a few-shot example, a call
 * from another model): Gemini 3 refuses history calls without a signature, and accepts this one.
 */
export const placeholderThoughtSignature = 'skip_thought_signature_validator';

/**
 * LangChain messages as Gemini `contents` plus `systemInstruction`:
 * - system messages at the start become `systemInstruction` (several are joined); later ones become user
 *   text where they stand;
 * - human and tool messages are `user` turns, AI messages `model` turns; consecutive turns of one role are
 *   merged (Gemini wants them alternating, and parallel tool results in one turn);
 * - AI tool calls become `functionCall` parts with their thought signatures (from
 *   `additional_kwargs[thoughtSignaturesKey]`), tool messages `functionResponse` parts.
 * Throws a plain Error naming the message and what is wrong; ChatTokenOff classifies it as
 * `invalid_request`.
 */
export function toGeminiContents(
  messages: readonly BaseMessage[],
  options: ToGeminiContentsOptions,
): GeminiContents {
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const push = (role: GeminiContent['role'], parts: GeminiPart[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts: [...parts] });
  };
  messages.forEach((message, index) => {
    const role = roleOf(message, index);
    if (role === 'system') {
      const parts = partsOfContent(message, index, new Set());
      if (contents.length === 0 && !options.systemAsUser) system.push(...parts);
      else push('user', parts);
      return;
    }
    if (role === 'tool') {
      push('user', [functionResponseOf(message, index, messages)]);
      return;
    }
    if (role === 'user') {
      push('user', partsOfContent(message, index, new Set()));
      return;
    }
    const calls = toolCallsOf(message);
    const callIds = new Set(calls.flatMap((call) => (call.id ? [call.id] : [])));
    const signatures = (message.additional_kwargs?.[thoughtSignaturesKey] ?? {}) as Record<string, string>;
    const needsSignature = /gemini-3/.test(options.model);
    const callParts = calls.map((call, callIndex): GeminiPart => {
      const signature =
        (call.id ? signatures[call.id] : undefined) ??
        (needsSignature && callIndex === 0 ? placeholderThoughtSignature : undefined);
      return {
        // No `id`: LangChain's ids are often made up client-side; Gemini pairs calls and results by order.
        functionCall: { name: call.name, args: call.args ?? {} },
        ...(signature ? { thoughtSignature: signature } : {}),
      } as GeminiPart;
    });
    push('model', [...partsOfContent(message, index, callIds), ...callParts]);
  });
  if (contents.length === 0) {
    throw new Error(
      'the messages hold nothing to send after the system instructions: add a human message with the question',
    );
  }
  return { ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}), contents };
}

type Role = 'system' | 'user' | 'model' | 'tool';

function roleOf(message: BaseMessage, index: number): Role {
  const type = message.getType();
  if (type === 'system' || type === 'developer') return 'system';
  if (type === 'human') return 'user';
  if (type === 'ai') return 'model';
  if (type === 'tool' || type === 'function') return 'tool';
  if (type === 'generic') {
    const role = String((message as BaseMessage & { role?: unknown }).role ?? '').toLowerCase();
    if (role === 'system' || role === 'developer') return 'system';
    if (role === 'user' || role === 'human') return 'user';
    if (role === 'ai' || role === 'assistant' || role === 'model') return 'model';
    if (role === 'tool' || role === 'function') return 'tool';
    throw new Error(
      `message ${index + 1} is a ChatMessage with role ${JSON.stringify(role)}; use one of user, assistant, system or tool`,
    );
  }
  throw new Error(`message ${index + 1} has type ${JSON.stringify(type)}, which Gemini has no turn for`);
}

interface ToolCallLike {
  id?: string | undefined;
  name: string;
  args?: Record<string, unknown>;
}

function toolCallsOf(message: BaseMessage): ToolCallLike[] {
  const calls = (message as BaseMessage & { tool_calls?: ToolCallLike[] }).tool_calls;
  return Array.isArray(calls) ? calls : [];
}

function functionResponseOf(
  message: BaseMessage,
  index: number,
  history: readonly BaseMessage[],
): GeminiPart {
  const callId = (message as BaseMessage & { tool_call_id?: string }).tool_call_id;
  const name =
    message.name ??
    history
      .slice(0, index)
      .flatMap(toolCallsOf)
      .find((call) => call.id !== undefined && call.id === callId)?.name;
  if (!name) {
    throw new Error(
      `tool message ${index + 1} (tool_call_id ${JSON.stringify(callId)}) names no tool, and no earlier AI message has a call with that id; set the ToolMessage's name`,
    );
  }
  const content = message.content;
  const result = typeof content === 'string' ? content : partsOfContent(message, index, new Set());
  const failed = (message as BaseMessage & { status?: string }).status === 'error';
  return {
    functionResponse: {
      name,
      response: failed ? { error: { details: result } } : { result },
    },
  } as GeminiPart;
}

type Block = Record<string, unknown> & { type?: unknown };

/** The parts of a message's content; tool-call blocks whose id is in `skipCallIds` are left out. */
function partsOfContent(message: BaseMessage, index: number, skipCallIds: ReadonlySet<string>): GeminiPart[] {
  const content = message.content as unknown;
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  if (!Array.isArray(content)) return [];
  return content.flatMap((block: unknown) => {
    if (typeof block === 'string') return block === '' ? [] : [{ text: block }];
    const part = partOfBlock(block as Block, skipCallIds);
    if (part === unsupported) {
      const type = (block as Block).type;
      throw new Error(
        `message ${index + 1} has a content block of type ${JSON.stringify(type)} that Gemini cannot take; send text, thinking, image, audio, video, file or media blocks`,
      );
    }
    return part === undefined ? [] : [part];
  });
}

const unsupported = Symbol('unsupported block');

function partOfBlock(
  block: Block,
  skipCallIds: ReadonlySet<string>,
): GeminiPart | undefined | typeof unsupported {
  const type = typeof block.type === 'string' ? block.type : undefined;
  switch (type) {
    case 'text':
    case 'text-plain':
      if (typeof block.text === 'string') return block.text === '' ? undefined : { text: block.text };
      return mediaPart(block, 'text/plain');
    case 'thinking':
    case 'reasoning': {
      const text = typeof block.thinking === 'string' ? block.thinking : block.reasoning;
      if (typeof text !== 'string') return undefined;
      const signature = typeof block.signature === 'string' ? block.signature : undefined;
      return { text, thought: true, ...(signature ? { thoughtSignature: signature } : {}) } as GeminiPart;
    }
    case 'image_url': {
      const source = block.image_url;
      const url = typeof source === 'string' ? source : (source as { url?: unknown } | undefined)?.url;
      return typeof url === 'string' ? urlPart(url, 'image/png') : unsupported;
    }
    case 'image':
      return mediaPart(block, 'image/png');
    case 'audio':
      return mediaPart(block, 'audio/mpeg');
    case 'video':
      return mediaPart(block, 'video/mp4');
    case 'file':
      return mediaPart(block, 'application/pdf');
    case 'media':
      return mediaPart(block, 'application/octet-stream');
    case 'inlineData':
    case 'fileData':
    case 'executableCode':
    case 'codeExecutionResult':
    case 'functionResponse':
      return block[type] === undefined ? unsupported : ({ [type]: block[type] } as GeminiPart);
    case 'functionCall':
      // Calls travel as the message's tool_calls (with their signatures), not as content.
      return undefined;
    case 'tool_use':
    case 'tool_call': {
      const id = typeof block.id === 'string' ? block.id : undefined;
      if (id !== undefined && skipCallIds.has(id)) return undefined;
      const args = (type === 'tool_use' ? block.input : block.args) ?? {};
      return { functionCall: { name: String(block.name), args } } as GeminiPart;
    }
    default:
      return unsupported;
  }
}

/** A media block of either LangChain generation: `{url|data, mimeType}` or `{source_type, url|data, mime_type}`. */
function mediaPart(block: Block, defaultMimeType: string): GeminiPart | typeof unsupported {
  const mimeType = [block.mimeType, block.mime_type].find((value) => typeof value === 'string') as
    | string
    | undefined;
  if (typeof block.data === 'string' && block.data !== '') {
    return { inlineData: { mimeType: mimeType ?? defaultMimeType, data: block.data } } as GeminiPart;
  }
  if (block.data instanceof Uint8Array) {
    return {
      inlineData: { mimeType: mimeType ?? defaultMimeType, data: Buffer.from(block.data).toString('base64') },
    } as GeminiPart;
  }
  const url = [block.url, block.fileUri].find((value) => typeof value === 'string') as string | undefined;
  if (url !== undefined) return urlPart(url, mimeType ?? defaultMimeType);
  if (typeof block.text === 'string') return { text: block.text };
  return unsupported;
}

function urlPart(url: string, mimeType: string): GeminiPart {
  const data = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (data) return { inlineData: { mimeType: data[1] ?? mimeType, data: data[2] ?? '' } } as GeminiPart;
  return { fileData: { mimeType, fileUri: url } } as GeminiPart;
}
