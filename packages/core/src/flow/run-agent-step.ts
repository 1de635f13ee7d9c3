import type { BaseMessage } from '@langchain/core/messages';
import { HumanMessage } from '@langchain/core/messages';
import { callModel, textOf } from './call-model.js';
import { AgentStepLimitError } from './errors/agent-step-limit-error.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import type { AgentStepDefinition } from './pipeline-definition.js';
import { settingsOf, systemMessages } from './run-llm-step.js';
import { runToolCall } from './run-tool-call.js';
import type { StepExecution } from './step-execution.js';
import { checkAnswer, structuredAnswer } from './structured-answer.js';

/** The turn that asks an agent for its typed final answer once it stops calling tools. */
const finalAnswerPrompt =
  'Now give your final answer as a single JSON value that matches the required schema, and nothing else.';

function taskOf(step: AgentStepDefinition, input: unknown): string {
  if (step.prompt) return step.prompt(input);
  return typeof input === 'string' ? input : JSON.stringify(input);
}

/**
 * The agent loop: the model answers or calls tools; tokenflow runs the calls of one turn in parallel
 * (up to `toolConcurrency`), feeds every result back as a ToolMessage (errors included, so the model can
 * correct itself), and repeats until a final answer or `maxSteps` model turns, which is an
 * {@link AgentStepLimitError}, never a silent stop. The model's AIMessages stay in the history exactly
 * as returned, so Gemini 3 thought signatures travel across turns. With an `output` schema the final
 * answer goes through the structured-output path (repairs, escalation).
 */
export async function runAgentStep(
  step: AgentStepDefinition,
  input: unknown,
  execution: StepExecution,
): Promise<unknown> {
  const maxSteps = step.maxSteps ?? 10;
  const settings = settingsOf(step);
  const history: BaseMessage[] = [
    ...systemMessages(step.system, input),
    new HumanMessage(taskOf(step, input)),
  ];
  const transcript = execution.meter.transcript;
  transcript.push(...history);
  let toolCalls = 0;
  for (let turn = 1; turn <= maxSteps; turn += 1) {
    const message = await callModel(execution, {
      model: step.model,
      settings,
      messages: history,
      tools: step.tools,
    });
    history.push(message);
    transcript.push(message);
    const calls = message.tool_calls ?? [];
    if (calls.length === 0) {
      if (!step.output) return textOf(message);
      // A final answer that already is valid JSON of the right shape needs no extra turn.
      const direct = await checkAnswer(textOf(message), step.output);
      if (direct.ok) return direct.value;
      const request = new HumanMessage(finalAnswerPrompt);
      transcript.push(request);
      const { value } = await structuredAnswer(execution, {
        model: step.model,
        settings,
        messages: [...history, request],
        schema: step.output,
        ...(step.repair ? { repair: step.repair } : {}),
        ...(step.escalation ? { escalation: step.escalation } : {}),
        continuesTranscript: true,
      });
      return value;
    }
    if (turn === maxSteps) break;
    const ids = calls.map((call, index) => call.id ?? `${execution.stepId}-${turn}-${index}`);
    for (const [index, call] of calls.entries()) {
      execution.emit({
        type: 'tool-call',
        toolCallId: ids[index] as string,
        name: call.name,
        args: call.args,
        turn,
      });
    }
    toolCalls += calls.length;
    const results = await mapWithConcurrency(calls, step.toolConcurrency ?? 8, (call, index) =>
      runToolCall(call, ids[index] as string, step.tools, execution, turn),
    );
    history.push(...results);
    transcript.push(...results);
  }
  throw new AgentStepLimitError({
    stepId: execution.stepId,
    maxSteps,
    transcript: [...transcript],
    toolCalls,
    usage: execution.meter.usage,
    costUsd: execution.meter.costUsd,
  });
}
