import { isOpenAITool } from '@langchain/core/language_models/base';
import type { BindToolsInput, ToolChoice } from '@langchain/core/language_models/chat_models';
import { isLangChainTool } from '@langchain/core/utils/function_calling';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { isInteropZodSchema } from '@langchain/core/utils/types';

/** A Gemini function declaration (`parameters` in the API's OpenAPI subset). */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

/** A Gemini tool: function declarations, or a built-in tool (`googleSearch`, `codeExecution`, ...) as given. */
export type GeminiTool = { functionDeclarations: GeminiFunctionDeclaration[] } | Record<string, unknown>;

export interface GeminiToolConfig {
  functionCallingConfig: { mode: 'AUTO' | 'ANY' | 'NONE'; allowedFunctionNames?: string[] };
}

/**
 * Tools as Gemini sends them: every function (LangChain tools, `tool()`, `asTool()` runnables, tool params
 * with a zod or JSON schema, OpenAI-format tools, Gemini declarations) in one `functionDeclarations`
 * tool; built-in Gemini tools passed through. Throws a plain Error for a tool it cannot read.
 */
export function toGeminiTools(tools: readonly BindToolsInput[]): GeminiTool[] {
  const declarations: GeminiFunctionDeclaration[] = [];
  const builtIn: GeminiTool[] = [];
  tools.forEach((tool, index) => {
    if (isLangChainTool(tool)) {
      declarations.push(declaration(tool.name, tool.description, schemaOf(tool.schema)));
    } else if (isOpenAITool(tool)) {
      declarations.push(
        declaration(tool.function.name, tool.function.description, schemaOf(tool.function.parameters)),
      );
    } else if (isGeminiFunctionsTool(tool)) {
      for (const entry of tool.functionDeclarations) {
        declarations.push(declaration(entry.name, entry.description, schemaOf(entry.parameters)));
      }
    } else if (typeof tool === 'object' && tool !== null && Object.keys(tool).length === 1) {
      builtIn.push(tool as GeminiTool);
    } else {
      throw new Error(
        `tool ${index + 1} is neither a LangChain tool, an OpenAI-format tool nor a Gemini tool (keys: ${Object.keys(tool ?? {}).join(', ')})`,
      );
    }
  });
  return [...(declarations.length > 0 ? [{ functionDeclarations: declarations }] : []), ...builtIn];
}

/**
 * The `toolConfig` for a `tool_choice` (`'auto'`, `'any'`/`'required'`, `'none'`, a function name, or
 * `{ function: { name } }`) and `allowedFunctionNames`; none when neither is set.
 */
export function toGeminiToolConfig(
  toolChoice: ToolChoice | undefined,
  allowedFunctionNames: readonly string[] | undefined,
): GeminiToolConfig | undefined {
  const allowed = [...(allowedFunctionNames ?? [])];
  if (toolChoice === 'auto' || toolChoice === 'none') {
    return {
      functionCallingConfig: {
        mode: toolChoice === 'auto' ? 'AUTO' : 'NONE',
        ...(allowed.length > 0 ? { allowedFunctionNames: allowed } : {}),
      },
    };
  }
  if (toolChoice === 'any' || toolChoice === 'required') {
    return {
      functionCallingConfig: {
        mode: 'ANY',
        ...(allowed.length > 0 ? { allowedFunctionNames: allowed } : {}),
      },
    };
  }
  const named =
    typeof toolChoice === 'string'
      ? toolChoice
      : ((toolChoice as { function?: { name?: unknown } } | undefined)?.function?.name ??
        (toolChoice as { name?: unknown } | undefined)?.name);
  if (typeof named === 'string' && named !== '') allowed.push(named);
  if (allowed.length === 0) return undefined;
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [...new Set(allowed)] } };
}

/** A schema (zod, standard schema or JSON Schema) as Gemini `parameters`. */
export function toGeminiSchema(schema: unknown): Record<string, unknown> {
  return schemaOf(schema) ?? { type: 'object', properties: {} };
}

function declaration(
  name: string,
  description: string | undefined,
  parameters: Record<string, unknown> | undefined,
): GeminiFunctionDeclaration {
  // Gemini refuses an OBJECT with no properties: a tool without arguments declares no parameters.
  const empty =
    parameters?.type === 'object' &&
    Object.keys((parameters.properties as object | undefined) ?? {}).length === 0;
  return {
    name,
    ...(description ? { description } : {}),
    ...(parameters && !empty ? { parameters } : {}),
  };
}

function schemaOf(schema: unknown): Record<string, unknown> | undefined {
  if (schema === undefined || schema === null) return undefined;
  const json =
    isInteropZodSchema(schema) || (typeof schema === 'object' && '~standard' in schema)
      ? toJsonSchema(schema as Parameters<typeof toJsonSchema>[0])
      : schema;
  return withoutUnsupportedKeys(json) as Record<string, unknown>;
}

/** The keywords of Gemini's OpenAPI `Schema` subset; anything else (`$schema`, `propertyNames`, ...) is dropped. */
const geminiSchemaKeys = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'default',
  'example',
  'items',
  'minItems',
  'maxItems',
  'properties',
  'required',
  'propertyOrdering',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'anyOf',
]);

/**
 * A JSON Schema in Gemini's OpenAPI subset: unknown keywords dropped at every level (property names are
 * kept whatever they are: a parameter may be called `strict`), `const` as a one-value `enum`, `oneOf` as
 * `anyOf`, and a `["string", "null"]` type as `string` plus `nullable`.
 */
function withoutUnsupportedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUnsupportedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(source)) {
    if (key === 'properties' && typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
      result.properties = Object.fromEntries(
        Object.entries(inner).map(([name, schema]) => [name, withoutUnsupportedKeys(schema)]),
      );
    } else if (key === 'const' && source.enum === undefined) {
      result.enum = [inner];
    } else if (key === 'oneOf' && source.anyOf === undefined) {
      result.anyOf = withoutUnsupportedKeys(inner);
    } else if (key === 'type' && Array.isArray(inner)) {
      const types = inner.filter((type) => type !== 'null');
      if (types.length === 1) result.type = types[0];
      if (types.length < inner.length) result.nullable = true;
    } else if (geminiSchemaKeys.has(key)) {
      result[key] = key === 'enum' || key === 'required' ? inner : withoutUnsupportedKeys(inner);
    }
  }
  return result;
}

function isGeminiFunctionsTool(
  tool: unknown,
): tool is { functionDeclarations: { name: string; description?: string; parameters?: unknown }[] } {
  return (
    typeof tool === 'object' &&
    tool !== null &&
    Array.isArray((tool as { functionDeclarations?: unknown }).functionDeclarations)
  );
}
