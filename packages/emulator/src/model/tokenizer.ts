import type { Content, GenerateContentRequest, Part, Tool } from '../wire/types.js';

/** What one inline image, audio clip or file reference costs, as the real API counts an image. */
const mediaPartTokens = 258;

/** Overhead of a function call or response: its wrapper besides the name and JSON arguments. */
const functionPartOverheadTokens = 3;

/**
 * Counts tokens in text the way the emulator's one tokenizer does: about four characters per token,
 * word-aware. A run of letters or digits costs one token per started four characters; each punctuation
 * mark or symbol costs one; whitespace is free except a blank line, which costs one; characters outside
 * Latin scripts (CJK, emoji) cost one each.
 *
 * @example countTextTokens('What is the capital of France?') // 9
 */
export function countTextTokens(text: string): number {
  let tokens = 0;
  for (const match of text.matchAll(tokenPattern)) {
    const [piece] = match;
    if (match.groups?.word !== undefined) tokens += Math.ceil(piece.length / 4);
    else if (match.groups?.blank !== undefined) tokens += 1;
    else if (match.groups?.space !== undefined) tokens += 0;
    else tokens += 1;
  }
  return tokens;
}

// Words are runs of Latin/Greek/Cyrillic letters, digits, apostrophes and marks; everything else is
// one token per code point.
const tokenPattern =
  /(?<word>[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}\p{M}']+)|(?<blank>\n[^\S\n]*\n\s*)|(?<space>\s+)|./gsu;

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
