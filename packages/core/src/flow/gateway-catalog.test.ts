import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChatTokenOff } from '../models/chat-tokenoff.js';
import { createModelCatalog } from '../models/create-model-catalog.js';
import { chatModelSettings } from './gateway-models.js';
import { llm } from './llm.js';
import type { ModelProvider } from './model-provider.js';
import { pipeline } from './pipeline.js';
import { testApiKey, textAnswer, useFlowEmulator } from './test-support/flow-emulator.js';

const setup = useFlowEmulator();

const summarize = llm({
  id: 'summary',
  model: 'gemini-2.5-flash',
  input: z.string(),
  prompt: (text) => `Summarize: ${text}`,
});
const flow = pipeline('p', { input: z.string() }).then(summarize);

// 100 input tokens at 1,000 USD per million and 50 output tokens (thinking included) at 2,000: 0.2 USD.
const expensive = createModelCatalog({
  'gemini-2.5-flash': {
    pricing: { inputPerMillion: 1_000, outputPerMillion: 2_000 },
    maxOutputTokens: 1_000,
  },
});
const usage = { prompt: 100, output: 20, thoughts: 30 };

describe('the model catalog of the gateway or provider', () => {
  it("prices a pipeline run at the gateway catalog's prices, not the default ones", async () => {
    setup.script({ response: textAnswer('A short summary.', usage) });
    const result = await flow.run('long text', { gateway: setup.gateway({ catalog: expensive }) });
    expect(result.costUsd).toBeCloseTo(0.2, 12);
    expect(result.records[0]?.costUsd).toBeCloseTo(0.2, 12);
  });

  it("prices answers of a plain provider's models at the provider catalog's prices", async () => {
    // Without a gateway's cost on the answer, flow priced it from the built-in catalog whatever the provider.
    const models: ModelProvider = {
      catalog: expensive,
      chatModel: (model, settings) =>
        new ChatTokenOff({
          model,
          apiKey: testApiKey,
          baseUrl: setup.emulator.url,
          maxRetries: 0,
          ...chatModelSettings(settings),
        }),
    };
    setup.script({ response: textAnswer('A short summary.', usage) });
    const result = await flow.run('long text', { models });
    expect(result.costUsd).toBeCloseTo(0.2, 12);
  });

  it("asks again for more room within the gateway catalog's output maximum", async () => {
    // flow read the built-in catalog's 65,536 for gemini-2.5-flash and asked the model for more than it gives.
    setup.script(
      {
        response: {
          ...textAnswer(''),
          candidates: [{ content: { role: 'model' }, finishReason: 'MAX_TOKENS', index: 0 }],
        },
      },
      { response: textAnswer('A short summary.') },
    );
    const result = await flow.run('long text', { gateway: setup.gateway({ catalog: expensive }) });
    expect(result.output).toBe('A short summary.');
    const config = (index: number) =>
      (setup.generateRequests()[index]?.body as { generationConfig?: Record<string, unknown> } | undefined)
        ?.generationConfig;
    expect(config(1)?.maxOutputTokens).toBe(1_000);
  });
});
