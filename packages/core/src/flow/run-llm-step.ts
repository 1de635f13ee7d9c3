import type { BaseMessage } from '@langchain/core/messages';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { callModel, textOf } from './call-model.js';
import type { LlmStepDefinition, ModelSettings } from './pipeline-definition.js';
import type { StepExecution } from './step-execution.js';
import { structuredAnswer } from './structured-answer.js';

/** The sampling and thinking settings of an `llm` or `agent` step. */
export function settingsOf(step: ModelSettings): ModelSettings {
  const settings: ModelSettings = {};
  if (step.temperature !== undefined) settings.temperature = step.temperature;
  if (step.maxOutputTokens !== undefined) settings.maxOutputTokens = step.maxOutputTokens;
  if (step.thinking !== undefined) settings.thinking = step.thinking;
  return settings;
}

/** The system instruction of a step, fixed or built from the input. */
export function systemMessages(
  system: string | ((input: never) => string) | undefined,
  input: unknown,
): BaseMessage[] {
  const text = typeof system === 'function' ? (system as (input: unknown) => string)(input) : system;
  return text ? [new SystemMessage(text)] : [];
}

/** Runs an `llm` step: one call for text, or the structured-output path when it has an output schema. */
export async function runLlmStep(
  step: LlmStepDefinition,
  input: unknown,
  execution: StepExecution,
): Promise<unknown> {
  const messages = [...systemMessages(step.system, input), new HumanMessage(step.prompt(input))];
  const settings = settingsOf(step);
  if (step.output) {
    const { value } = await structuredAnswer(execution, {
      model: step.model,
      settings,
      messages,
      schema: step.output,
      ...(step.repair ? { repair: step.repair } : {}),
      ...(step.escalation ? { escalation: step.escalation } : {}),
    });
    return value;
  }
  execution.meter.transcript.push(...messages);
  const message = await callModel(execution, { model: step.model, settings, messages });
  execution.meter.transcript.push(message);
  return textOf(message);
}
