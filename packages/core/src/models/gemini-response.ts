/**
 * The parts of a Gemini `GenerateContentResponse` (v1beta, camelCase JSON) that tokenflow reads.
 * Kept local so core depends on no sibling package at run time; the SDK's own types lack `thought`,
 * `thoughtSignature`, `thoughtsTokenCount` and `modelVersion`.
 */

export interface GeminiFunctionCall {
  name: string;
  args?: Record<string, unknown>;
  id?: string;
}

export interface GeminiPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: GeminiFunctionCall;
  functionResponse?: { name: string; response?: Record<string, unknown>; id?: string };
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
  executableCode?: { language: string; code: string };
  codeExecutionResult?: { outcome: string; output?: string };
}

export interface GeminiCandidate {
  content?: { role?: string; parts?: GeminiPart[] };
  finishReason?: string;
  finishMessage?: string;
  index?: number;
  safetyRatings?: { category: string; probability: string; blocked?: boolean }[];
  citationMetadata?: unknown;
  groundingMetadata?: unknown;
  urlContextMetadata?: unknown;
  avgLogprobs?: number;
  logprobsResult?: unknown;
}

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  serviceTier?: string;
}

export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string; safetyRatings?: unknown[] };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
}

/** A google.rpc.Status as the API puts it under `error`. */
export interface GoogleRpcStatus {
  code?: number;
  message?: string;
  status?: string;
  details?: Record<string, unknown>[];
}
