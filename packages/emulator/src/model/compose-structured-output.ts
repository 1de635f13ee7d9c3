import type { GenerateContentRequest } from '../wire/types.js';
import { composeTextAnswer } from './compose-text-answer.js';
import { contentOfRequest } from './content-of-request.js';
import { extractFacts, type Facts } from './extract-facts.js';
import { fromJsonSchema } from './from-json-schema.js';
import { generateValue } from './generate-value.js';
import { pickEnum } from './pick-enum.js';
import { type Conversation, resultText } from './read-conversation.js';
import { fromOpenApiSchema, type SchemaNode } from './schema-node.js';
import type { ValueContext } from './value-context.js';

/** Prompts that ask to pull data out of text; their instruction is not part of the material. */
export const extractionIntent =
  /\b(extract|summar\w*|classif\w*|identify|list|find|return|give|output|analy[sz]e|pull|parse|categori[sz]e|tag|label|respond|answer|json)\b/i;

/** The output schema a request asks for, normalised; undefined when it sets none. */
export function responseSchemaOf(request: GenerateContentRequest): SchemaNode | undefined {
  const config = request.generationConfig ?? {};
  if (config.responseJsonSchema !== undefined) return fromJsonSchema(config.responseJsonSchema);
  if (config.responseSchema !== undefined) return fromOpenApiSchema(config.responseSchema);
  return undefined;
}

/** Facts are found once per conversation and reading, however many tools and fields draw from them. */
const factsCache = {
  request: new WeakMap<Conversation, Facts>(),
  content: new WeakMap<Conversation, Facts>(),
};

/**
 * What values may be drawn from:
 * - `request`: the whole request text (function-call arguments: "Read notes/plan.md" names its file in
 *   the instruction itself);
 * - `content`: the request without its instructions (`content-of-request.ts`), so structured output
 *   takes values from the item a template interpolated, never from the template's fixed text or the
 *   system instruction.
 */
export type MaterialReading = 'request' | 'content';

/** A value context over a conversation: facts of all its material, and its text answer on demand. */
export function createValueContext(
  conversation: Conversation,
  seed: number,
  reading: MaterialReading = 'request',
): ValueContext {
  const request =
    reading === 'content'
      ? contentOfRequest(conversation.requestText, conversation.systemText)
      : conversation.requestText;
  const material = [request, ...conversation.resultsInTurn.map(resultText), ...conversation.historyTexts]
    .filter((text) => text.trim() !== '')
    .join('\n\n');
  let answer: string | undefined;
  let facts = factsCache[reading].get(conversation);
  if (facts === undefined) {
    facts = extractFacts(material, conversation.requestText, extractionIntent);
    factsCache[reading].set(conversation, facts);
  }
  return {
    facts,
    answerText: () => {
      answer ??= composeTextAnswer({ conversation, seed });
      return answer;
    },
    used: new Map(),
  };
}

/**
 * The answer text of a structured-output request, or undefined when the request wants plain text:
 * - `application/json` with a schema (either flavour): JSON valid for the schema, values from the prompt,
 *   pretty-printed with two spaces as the real API writes it;
 * - `application/json` without a schema: an object with the text answer and the key terms;
 * - `text/x.enum` with an enum schema: the enum value that fits the prompt best.
 */
export function composeStructuredOutput(
  request: GenerateContentRequest,
  conversation: Conversation,
  seed: number,
): string | undefined {
  const mimeType = (request.generationConfig?.responseMimeType ?? '').toLowerCase();
  if (mimeType !== 'application/json' && mimeType !== 'text/x.enum') return undefined;
  const schema = responseSchemaOf(request);
  const context = createValueContext(conversation, seed, 'content');
  if (mimeType === 'text/x.enum') {
    if (schema?.type !== 'enum') return undefined;
    return String(pickEnum(schema.values, { depth: 0 }, context));
  }
  if (schema === undefined) {
    return JSON.stringify(
      { answer: context.answerText(), keyTerms: context.facts.keyTerms.slice(0, 5) },
      null,
      2,
    );
  }
  return JSON.stringify(generateValue(schema, { depth: 0 }, context), null, 2);
}
