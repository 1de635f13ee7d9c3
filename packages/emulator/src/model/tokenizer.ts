import type { Content, GenerateContentRequest, Part, Tool } from '../wire/types.js';

/** What one inline image, audio clip or file reference costs, as the real API counts an image. */
const mediaPartTokens = 258;

/** Overhead of a function call or response: its wrapper besides the name and JSON arguments. */
const functionPartOverheadTokens = 3;

/**
 * Counts tokens in text the way the emulator's one tokenizer does: about four characters per token,
 * word-aware. A run of letters or digits (Latin, Greek, Cyrillic, with apostrophes and combining marks)
 * costs one token per started four characters; each other character (punctuation, symbols, CJK, emoji)
 * costs one; whitespace is free, except a run of whitespace holding a blank line, which costs one.
 * One pass over the characters, so a million-token prompt counts in milliseconds.
 *
 * @example countTextTokens('What is the capital of France?') // 9
 */
export function countTextTokens(text: string): number {
  let tokens = 0;
  let wordLength = 0;
  let newlines = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const kind = code < 128 ? asciiKinds[code] : otherKind(text, index, code);
    if (kind === wordKind) {
      wordLength += 1;
      continue;
    }
    if (wordLength > 0) {
      tokens += Math.ceil(wordLength / 4);
      wordLength = 0;
    }
    if (kind === spaceKind) {
      if (code === 10) newlines += 1;
      continue;
    }
    if (newlines >= 2) tokens += 1;
    newlines = 0;
    tokens += 1;
    // A character outside the Basic Multilingual Plane is two code units but one token.
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) index += 1;
  }
  if (wordLength > 0) tokens += Math.ceil(wordLength / 4);
  if (newlines >= 2) tokens += 1;
  return tokens;
}

const wordKind = 0;
const spaceKind = 1;
const otherKindValue = 2;

const asciiKinds: number[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  if (/[A-Za-z0-9']/.test(char)) return wordKind;
  if (/\s/.test(char)) return spaceKind;
  return otherKindValue;
});

const wordCharacter = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}\p{M}]/u;
const spaceCharacter = /\s/u;

function otherKind(text: string, index: number, code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return otherKindValue;
  const char = text.charAt(index);
  if (wordCharacter.test(char)) return wordKind;
  if (spaceCharacter.test(char)) return spaceKind;
  return otherKindValue;
}

/**
 * Counts the prompt tokens of a request: every part of `contents`, the `systemInstruction` and the
 * declared `tools`. `countTokens` answers this as `totalTokens` and `generateContent` reports it as
 * `promptTokenCount`, so the two always agree.
 */
export function countRequestTokens(request: GenerateContentRequest): number {
  let tokens = 0;
  for (const content of request.contents ?? []) tokens += countContentTokens(content);
  if (request.systemInstruction !== undefined) tokens += countContentTokens(request.systemInstruction);
  for (const tool of request.tools ?? []) tokens += countToolTokens(tool);
  return tokens;
}

/** Counts the tokens of one content's parts. */
export function countContentTokens(content: Content): number {
  let tokens = 0;
  for (const part of content.parts ?? []) tokens += countPartTokens(part);
  return tokens;
}

/** Counts the tokens of one part; thought signatures are opaque and free, as on the real API. */
export function countPartTokens(part: Part): number {
  if (typeof part.text === 'string') return countTextTokens(part.text);
  if (part.functionCall !== undefined) {
    return (
      functionPartOverheadTokens +
      countTextTokens(part.functionCall.name ?? '') +
      countTextTokens(JSON.stringify(part.functionCall.args ?? {}))
    );
  }
  if (part.functionResponse !== undefined) {
    return (
      functionPartOverheadTokens +
      countTextTokens(part.functionResponse.name ?? '') +
      countTextTokens(JSON.stringify(part.functionResponse.response ?? {}))
    );
  }
  if (part.executableCode !== undefined) return countTextTokens(part.executableCode.code ?? '');
  if (part.codeExecutionResult !== undefined) return countTextTokens(part.codeExecutionResult.output ?? '');
  if (part.inlineData !== undefined || part.fileData !== undefined) return mediaPartTokens;
  return 0;
}

function countToolTokens(tool: Tool): number {
  let tokens = 0;
  for (const declaration of tool.functionDeclarations ?? []) {
    tokens += countTextTokens(JSON.stringify(declaration));
  }
  // Built-in tools (googleSearch, codeExecution, urlContext) cost a small fixed preamble.
  const builtIns = Object.keys(tool).filter((key) => key !== 'functionDeclarations').length;
  return tokens + builtIns * 8;
}
