import type { AIMessage, BaseMessage } from '@langchain/core/messages';

const roles: Record<string, string> = { human: 'user', ai: 'assistant', system: 'system', tool: 'tool' };

function textOf(message: BaseMessage): string {
  return typeof message.content === 'string' ? message.content : message.text;
}

/**
 * Messages in the GenAI conventions' JSON form (`[{ role, parts: [{ type: 'text', content }] }]`), for
 * `gen_ai.input.messages` / `gen_ai.output.messages` when content recording is on. Text and tool calls
 * only: no metadata, so nothing from the request (headers, keys) can leak through it.
 */
export function describeMessages(messages: readonly BaseMessage[]): string {
  return JSON.stringify(
    messages.map((message) => {
      const parts: Record<string, unknown>[] = [];
      const text = textOf(message);
      if (text !== '') parts.push({ type: 'text', content: text });
      for (const call of (message as AIMessage).tool_calls ?? []) {
        parts.push({ type: 'tool_call', id: call.id, name: call.name, arguments: call.args });
      }
      return { role: roles[message.getType()] ?? message.getType(), parts };
    }),
  );
}
