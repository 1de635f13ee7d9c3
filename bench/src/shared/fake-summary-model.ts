import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import { AIMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';

/**
 * An in-process chat model that answers every call with the same one-line summary, with the token usage
 * and model version a real answer carries (so flow's usage and cost accounting runs as it does for a real
 * model). No HTTP, no timers: the model call itself costs a few µs of LangChain's `invoke`, the same for
 * every contender that calls it, so what a framework adds around it is not lost in a round trip's noise.
 */
export class FakeSummaryModel extends BaseChatModel {
  readonly #model: string;

  constructor(model: string) {
    super({});
    this.#model = model;
  }

  _llmType(): string {
    return 'fake-summary';
  }

  async _generate(_messages: BaseMessage[]): Promise<ChatResult> {
    const text = 'A one-line summary.';
    const message = new AIMessage({
      content: text,
      usage_metadata: { input_tokens: 14, output_tokens: 5, total_tokens: 19 },
      response_metadata: { finishReason: 'STOP', modelVersion: this.#model },
    });
    return { generations: [{ message, text }] };
  }
}
