import { ToolMessage } from '@langchain/core/messages';
import { DynamicStructuredTool, ToolInputParsingException } from '@langchain/core/tools';
import type { z } from 'zod';
import { describeThrown, errorResult } from './error-result.js';

/** What every tool in this package is made of. */
export interface ToolDefinition<Schema extends z.ZodObject> {
  /** The name the model calls (`read_file`). */
  name: string;
  /** Written for the model: what the tool does, when to use it, what it refuses. */
  description: string;
  schema: Schema;
  /** Does the work and answers with text; failures are answered with `errorResult` (internal). */
  run(input: z.output<Schema>, signal: AbortSignal | undefined): Promise<string> | string;
}

/**
 * A LangChain tool that never throws at the model: arguments that do not match the schema, and anything
 * `run` throws, come back as a readable `Error: ...` answer (a `ToolMessage` with status `error` when the
 * call came from a model's tool call), so the agent can correct itself.
 */
export class ReadableErrorTool<Schema extends z.ZodObject> extends DynamicStructuredTool<Schema> {
  // biome-ignore lint/suspicious/noExplicitAny: the base method is overloaded on generic inputs; we only wrap it.
  override async call(arg: any, configArg?: any, tags?: string[]): Promise<any> {
    try {
      const output = await super.call(arg, configArg, tags);
      // A refusal or failure answered as text is still a failed call: mark the message so the model
      // (Gemini gets it as a function `error`) and agent loops can tell.
      if (
        ToolMessage.isInstance(output) &&
        typeof output.content === 'string' &&
        output.content.startsWith('Error: ')
      ) {
        output.status = 'error';
      }
      return output;
    } catch (thrown) {
      const content =
        thrown instanceof ToolInputParsingException
          ? errorResult(
              `the arguments for ${this.name} do not match its parameters. ${stripPreamble(thrown.message)}\n` +
                `Call ${this.name} again with arguments that follow its parameter schema.`,
            )
          : errorResult(`${this.name} failed: ${describeThrown(thrown)}`);
      const toolCallId: unknown = arg?.type === 'tool_call' ? arg.id : configArg?.toolCall?.id;
      if (typeof toolCallId === 'string') {
        return new ToolMessage({ status: 'error', content, tool_call_id: toolCallId, name: this.name });
      }
      return content;
    }
  }
}

function stripPreamble(message: string): string {
  return message.replace(/^Received tool input did not match expected schema\s*/, '').trim();
}

/** Builds a {@link ReadableErrorTool} from a definition. */
export function defineTool<Schema extends z.ZodObject>(
  definition: ToolDefinition<Schema>,
): ReadableErrorTool<Schema> {
  return new ReadableErrorTool<Schema>({
    name: definition.name,
    description: definition.description,
    schema: definition.schema,
    func: async (input, _runManager, config) => {
      try {
        return await definition.run(input as z.output<Schema>, config?.signal);
      } catch (thrown) {
        return errorResult(`${definition.name} failed: ${describeThrown(thrown)}`);
      }
    },
  });
}
