import { BaseCallbackHandler } from '@langchain/core/callbacks/base';

/**
 * A LangChain callback that makes `invoke()` stream (LangChain streams when a handler prefers it) and
 * forwards each text token, awaited so every delta arrives before the call returns.
 */
export class TextDeltaHandler extends BaseCallbackHandler {
  name = 'tokenflow-text-delta';
  readonly lc_prefer_streaming = true;
  readonly #onText: (text: string) => void;

  constructor(onText: (text: string) => void) {
    super();
    this.awaitHandlers = true;
    this.#onText = onText;
  }

  override handleLLMNewToken(token: string): void {
    if (token.length > 0) this.#onText(token);
  }
}
