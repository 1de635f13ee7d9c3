/**
 * Gemini API v1beta wire types (camelCase JSON), as TokenOff serves them.
 * Only what the emulator reads or writes; see gemini-wire.md sections 3-4 for the full surface.
 */

export interface FunctionCall {
  name: string;
  args?: Record<string, unknown>;
  id?: string;
}

export interface FunctionResponse {
  name: string;
  response?: Record<string, unknown>;
  id?: string;
}

export interface Part {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
  functionCall?: FunctionCall;
  functionResponse?: FunctionResponse;
  executableCode?: { language: string; code: string };
  codeExecutionResult?: { outcome: string; output?: string };
}

export interface Content {
  role?: string;
  parts: Part[];
}

/** Restricted OpenAPI schema (the `parameters` / `responseSchema` flavour). */
export interface OpenApiSchema {
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  propertyOrdering?: string[];
  minItems?: string | number;
  maxItems?: string | number;
  minLength?: string | number;
  maxLength?: string | number;
  minProperties?: string | number;
  maxProperties?: string | number;
  minimum?: number;
  maximum?: number;
  anyOf?: OpenApiSchema[];
  default?: unknown;
  example?: unknown;
  pattern?: string;
}

export interface FunctionDeclaration {
  name: string;
  description?: string;
  parameters?: OpenApiSchema;
  parametersJsonSchema?: unknown;
  response?: OpenApiSchema;
  responseJsonSchema?: unknown;
  behavior?: string;
}

export interface Tool {
  functionDeclarations?: FunctionDeclaration[];
  googleSearch?: Record<string, unknown>;
  googleSearchRetrieval?: Record<string, unknown>;
  codeExecution?: Record<string, unknown>;
  urlContext?: Record<string, unknown>;
}

export type FunctionCallingMode = 'AUTO' | 'ANY' | 'NONE' | 'VALIDATED' | 'MODE_UNSPECIFIED';

export interface ToolConfig {
  functionCallingConfig?: { mode?: FunctionCallingMode; allowedFunctionNames?: string[] };
}

export interface ThinkingConfig {
  includeThoughts?: boolean;
  thinkingBudget?: number;
  thinkingLevel?: string;
}

export interface GenerationConfig {
  stopSequences?: string[];
  responseMimeType?: string;
  responseSchema?: OpenApiSchema;
  responseJsonSchema?: unknown;
  responseModalities?: string[];
  candidateCount?: number;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseLogprobs?: boolean;
  logprobs?: number;
  thinkingConfig?: ThinkingConfig;
  mediaResolution?: string;
  speechConfig?: unknown;
}

export interface SafetySetting {
  category: string;
  threshold: string;
}

export interface GenerateContentRequest {
  model?: string;
  contents: Content[];
  systemInstruction?: Content;
  tools?: Tool[];
  toolConfig?: ToolConfig;
  generationConfig?: GenerationConfig;
  safetySettings?: SafetySetting[];
  cachedContent?: string;
}

export interface ModalityTokenCount {
  modality: string;
  tokenCount: number;
}

export interface UsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount?: number;
  totalTokenCount: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  promptTokensDetails?: ModalityTokenCount[];
}

export interface Candidate {
  content?: { role?: string; parts?: Part[] };
  finishReason?: string;
  finishMessage?: string;
  index: number;
  safetyRatings?: { category: string; probability: string; blocked?: boolean }[];
}

export interface GenerateContentResponse {
  candidates?: Candidate[];
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string };
  usageMetadata: UsageMetadata;
  modelVersion?: string;
  responseId?: string;
}

/** google.rpc error body, as every non-2xx answer carries it. */
export interface ErrorBody {
  error: {
    code: number;
    message: string;
    status: string;
    details?: Record<string, unknown>[];
  };
}
