import { ToolMessage } from '@langchain/core/messages';
import type { ToolCall } from '@langchain/core/messages/tool';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { formatPath } from './errors/step-validation-error.js';
import type { StepExecution } from './step-execution.js';
import { checkValue } from './validate-value.js';
import { zodSchemaOf } from './zod-schema-of.js';

function contentOf(output: unknown): string {
  if (typeof output === 'string') return output;
  if (ToolMessage.isInstance(output)) {
    return typeof output.content === 'string' ? output.content : JSON.stringify(output.content);
  }
  return JSON.stringify(output) ?? 'null';
}

/**
 * Runs one tool call the model asked for and returns what goes back to it. Unknown tool names, invalid
 * arguments (checked against the tool's zod schema) and tool failures all become error results
 * (`status: 'error'`) that say what was wrong, so the model can correct itself. Only cancellation
 * escapes as an exception.
 */
export async function runToolCall(
  call: ToolCall,
  callId: string,
  tools: readonly StructuredToolInterface[],
  execution: StepExecution,
  turn: number,
): Promise<ToolMessage> {
  const finish = (content: string, status: 'success' | 'error'): ToolMessage => {
    execution.emit({ type: 'tool-result', toolCallId: callId, name: call.name, status, content, turn });
    return new ToolMessage({ content, tool_call_id: callId, name: call.name, status });
  };
  const tool = tools.find((candidate) => candidate.name === call.name);
  if (!tool) {
    const names = tools.map((candidate) => candidate.name).join(', ');
    return finish(`Error: there is no tool named "${call.name}". Available tools: ${names}.`, 'error');
  }
  let args: unknown = call.args;
  const schema = zodSchemaOf(tool.schema);
  if (schema) {
    const checked = await checkValue(schema, call.args);
    if (!checked.success) {
      const problems = checked.issues.map(
        (issue) => `- at ${formatPath(issue.path)}: expected ${issue.expected}, found ${issue.found}`,
      );
      return finish(`Error: invalid arguments for tool "${call.name}":\n${problems.join('\n')}`, 'error');
    }
    args = checked.data;
  }
  try {
    const output: unknown = await tool.invoke(args as never, { signal: execution.signal });
    return finish(contentOf(output), 'success');
  } catch (error) {
    if (execution.signal.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return finish(`Error: tool "${call.name}" failed: ${message}`, 'error');
  }
}
