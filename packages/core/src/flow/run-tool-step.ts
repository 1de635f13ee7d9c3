import type { ToolStepDefinition } from './pipeline-definition.js';
import type { StepExecution } from './step-execution.js';
import { validateValue } from './validate-value.js';
import { zodSchemaOf } from './zod-schema-of.js';

/**
 * Runs a `tool` step: builds the arguments, validates them against the tool's zod schema (a clear
 * `StepValidationError` rather than LangChain's parse exception), and invokes the tool with the step's
 * AbortSignal. A string answer is parsed as JSON when the step declares an output schema.
 */
export async function runToolStep(
  step: ToolStepDefinition,
  input: unknown,
  execution: StepExecution,
): Promise<unknown> {
  const rawArgs = step.args ? step.args(input) : input;
  const schema = zodSchemaOf(step.tool.schema);
  const args = schema ? await validateValue(schema, rawArgs, execution.stepId, 'tool arguments') : rawArgs;
  const result: unknown = await step.tool.invoke(args as never, { signal: execution.signal });
  if (step.output && typeof result === 'string') {
    try {
      return JSON.parse(result);
    } catch {
      return result;
    }
  }
  return result;
}
