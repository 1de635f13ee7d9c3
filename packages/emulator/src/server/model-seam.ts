/**
 * The seam between the server (this folder) and the model (src/model, src/validation, src/catalog).
 * TEMPORARY stand-in until the model side lands; then this file only re-exports.
 */
import type { GenerateContentRequest, Part } from '../wire/types.js';

export interface EmulatedModel {
  id: string;
  displayName: string;
  description: string;
  version: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  generation: '2.5' | '3';
  tier: 'pro' | 'flash' | 'flash-lite';
  thinking: {
    canDisable: boolean;
    onByDefault: boolean;
    budget?: { min: number; max: number };
    levels?: string[];
  };
  thoughtSignatures: boolean;
}

function model(
  id: string,
  displayName: string,
  generation: '2.5' | '3',
  tier: EmulatedModel['tier'],
): EmulatedModel {
  return {
    id,
    displayName,
    description: displayName,
    version: generation === '3' ? '3.0' : '001',
    inputTokenLimit: 1048576,
    outputTokenLimit: 65536,
    generation,
    tier,
    thinking: { canDisable: tier !== 'pro', onByDefault: tier !== 'flash-lite' },
    thoughtSignatures: generation === '3',
  };
}

export const emulatedModels: readonly EmulatedModel[] = [
  model('gemini-3.1-pro-preview', 'Gemini 3.1 Pro Preview', '3', 'pro'),
  model('gemini-3-flash-preview', 'Gemini 3 Flash Preview', '3', 'flash'),
  model('gemini-2.5-pro', 'Gemini 2.5 Pro', '2.5', 'pro'),
  model('gemini-2.5-flash', 'Gemini 2.5 Flash', '2.5', 'flash'),
  model('gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite', '2.5', 'flash-lite'),
];

export function findEmulatedModel(id: string): EmulatedModel | undefined {
  return emulatedModels.find((candidate) => candidate.id === id);
}

export function toModelResource(entry: EmulatedModel): Record<string, unknown> {
  return {
    name: `models/${entry.id}`,
    version: entry.version,
    displayName: entry.displayName,
    description: entry.description,
    inputTokenLimit: entry.inputTokenLimit,
    outputTokenLimit: entry.outputTokenLimit,
    supportedGenerationMethods: ['generateContent', 'countTokens'],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: true,
  };
}

export function countTextTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function countRequestTokens(request: GenerateContentRequest): number {
  return Math.max(1, countTextTokens(JSON.stringify(request.contents ?? [])));
}

export interface RequestViolation {
  message: string;
  fieldViolations: { field: string; description: string }[];
}

export function validateGenerateContentRequest(
  body: unknown,
  _model: EmulatedModel,
): RequestViolation | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { message: 'Invalid JSON payload received. Expected an object.', fieldViolations: [] };
  }
  if (!Array.isArray((body as { contents?: unknown }).contents)) {
    return {
      message: '* GenerateContentRequest.contents: contents is not specified\n',
      fieldViolations: [{ field: 'contents', description: 'contents is not specified' }],
    };
  }
  return null;
}

export function validateCountTokensRequest(body: unknown, model: EmulatedModel): RequestViolation | null {
  return validateGenerateContentRequest(body, model);
}

export interface ModelAnswer {
  thoughtParts: Part[];
  thoughtsTokenCount: number;
  answerParts: Part[];
  candidatesTokenCount: number;
  finishReason: string;
  finishMessage?: string;
}

export function generateAnswer(
  request: GenerateContentRequest,
  entry: EmulatedModel,
  _options: { seed: number },
): ModelAnswer {
  const last =
    request.contents
      .at(-1)
      ?.parts.map((part) => part.text ?? '')
      .join(' ') ?? '';
  const text = `You said: ${last}`;
  return {
    thoughtParts: [],
    thoughtsTokenCount: entry.thinking.onByDefault ? 12 : 0,
    answerParts: [{ text }],
    candidatesTokenCount: countTextTokens(text),
    finishReason: 'STOP',
  };
}
