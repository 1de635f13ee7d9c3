import type { AIMessage, BaseMessage } from '@langchain/core/messages';
import { HumanMessage } from '@langchain/core/messages';
import type { z } from 'zod';
import { describeValue } from '../errors/describe-value.js';
import type { ModelCatalog } from '../models/create-model-catalog.js';
import { callModel, textOf } from './call-model.js';
import type { ValidationIssue } from './errors/step-validation-error.js';
import { formatPath } from './errors/step-validation-error.js';
import type { StructuredOutputAttempt } from './errors/structured-output-error.js';
import { StructuredOutputError } from './errors/structured-output-error.js';
import { toGeminiResponseSchema } from './gemini-response-schema.js';
import { catalogFallbackChain, catalogOf } from './model-provider.js';
import type { EscalationPolicy, ModelSettings, RepairPolicy } from './pipeline-definition.js';
import type { StepExecution } from './step-execution.js';
import { checkValue } from './validate-value.js';

/** What a structured answer needs: the conversation so far, the schema and the recovery policies. */
export interface StructuredRequest<T> {
  model: string;
  settings: ModelSettings;
  messages: BaseMessage[];
  schema: z.ZodType<T>;
  repair?: RepairPolicy;
  escalation?: EscalationPolicy;
  /** The messages are already in the step transcript (an agent's history); do not log them again. */
  continuesTranscript?: boolean;
}

/** The longest raw answer quoted back to the model in a repair turn. */
const maxQuotedChars = 4_000;

/** A raw answer checked against a schema: the value, or what was wrong with it. */
export type Checked<T> =
  | { ok: true; value: T }
  | { ok: false; attempt: Omit<StructuredOutputAttempt, 'model'> };

function stripFences(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?\s*```\s*$/i.exec(text);
  return (fenced?.[1] ?? text).trim();
}

/** Parses a raw answer (code fences allowed) as JSON and validates it. */
export async function checkAnswer<T>(rawText: string, schema: z.ZodType<T>): Promise<Checked<T>> {
  const text = stripFences(rawText);
  if (text === '') {
    const issue = {
      path: [],
      expected: 'a JSON value',
      found: 'an empty answer',
      message: 'The answer was empty.',
    };
    return { ok: false, attempt: { rawText, problem: 'empty', issues: [issue] } };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const issue = { path: [], expected: 'valid JSON', found: describeValue(text), message };
    return { ok: false, attempt: { rawText, problem: 'invalid-json', issues: [issue] } };
  }
  const checked = await checkValue(schema, parsed);
  if (checked.success) return { ok: true, value: checked.data };
  return { ok: false, attempt: { rawText, problem: 'schema-mismatch', issues: checked.issues } };
}

function describeIssue(issue: ValidationIssue): string {
  return `at ${formatPath(issue.path)}: expected ${issue.expected}, found ${issue.found} (${issue.message})`;
}

/** The repair turn: what the model said, exactly what is wrong, and what to do. */
export function repairPrompt(attempt: Omit<StructuredOutputAttempt, 'model'>): string {
  const quoted =
    attempt.rawText.length > maxQuotedChars
      ? `${attempt.rawText.slice(0, maxQuotedChars)}...`
      : attempt.rawText;
  const problem =
    attempt.problem === 'invalid-json'
      ? 'is not valid JSON'
      : attempt.problem === 'empty'
        ? 'was empty'
        : 'does not match the required schema';
  return [
    `Your previous answer ${problem}.`,
    'Problems:',
    ...attempt.issues.map((issue) => `- ${describeIssue(issue)}`),
    'Your previous answer was:',
    quoted,
    'Reply again with only the corrected JSON value, matching the schema exactly, and nothing else.',
  ].join('\n');
}

/** Settings for an escalation model: thinking controls that the model does not accept are dropped. */
function settingsFor(model: string, settings: ModelSettings, catalog: ModelCatalog): ModelSettings {
  const controls = Object.hasOwn(catalog, model) ? catalog[model]?.thinking : undefined;
  if (!settings.thinking || !controls) return settings;
  const fits = settings.thinking.level ? controls.levels !== undefined : controls.budget !== undefined;
  if (fits) return settings;
  const { thinking: _dropped, ...rest } = settings;
  return rest;
}

function escalationChain(execution: StepExecution, request: StructuredRequest<unknown>): string[] {
  const configured = request.escalation?.models;
  const next =
    configured ??
    execution.models?.fallbackChain?.(request.model) ??
    catalogFallbackChain(request.model, catalogOf(execution.models));
  return [request.model, ...next.filter((model) => model !== request.model)];
}

/**
 * Asks for a structured answer: native `responseSchema`, zod validation, a bounded repair loop that
 * shows the model its raw text and the exact issues, then the same on each escalation model. Throws a
 * {@link StructuredOutputError} with every attempt when nothing passes.
 */
export async function structuredAnswer<T>(
  execution: StepExecution,
  request: StructuredRequest<T>,
): Promise<{ value: T; message: AIMessage }> {
  const responseSchema = toGeminiResponseSchema(request.schema);
  const maxAttempts = Math.max(1, request.repair?.maxAttempts ?? 3);
  const models = escalationChain(execution, request as StructuredRequest<unknown>);
  const attempts: StructuredOutputAttempt[] = [];
  for (const [index, model] of models.entries()) {
    const previous = models[index - 1];
    if (previous !== undefined)
      execution.emit({ type: 'model-fallback', from: previous, to: model, reason: 'invalid-output' });
    const history = [...request.messages];
    if (index === 0 && !request.continuesTranscript) execution.meter.transcript.push(...request.messages);
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const message = await callModel(execution, {
        model,
        settings: settingsFor(model, request.settings, catalogOf(execution.models)),
        messages: history,
        responseSchema,
        retryCutAnswers: true,
      });
      execution.meter.transcript.push(message);
      const checked = await checkAnswer(textOf(message), request.schema);
      if (checked.ok) return { value: checked.value, message };
      attempts.push({ model, ...checked.attempt });
      if (attempt < maxAttempts) {
        execution.emit({
          type: 'output-repair',
          model,
          attempt: attempt + 1,
          issues: checked.attempt.issues.map(describeIssue),
        });
        const feedback = new HumanMessage(repairPrompt(checked.attempt));
        history.push(message, feedback);
        execution.meter.transcript.push(feedback);
      }
    }
  }
  throw new StructuredOutputError({
    stepId: execution.stepId,
    attempts,
    usage: execution.meter.usage,
    costUsd: execution.meter.costUsd,
  });
}
