/**
 * The floor under every client here: one POST through undici's request API (what tokenflow's transport
 * uses by default, and what Node's fetch runs on) and `JSON.parse` of the body, nothing else.
 */
import PQueue from 'p-queue';
import { Agent, request } from 'undici';
import { describeError, type RowOutcome } from './bench-rows.js';

const agent = new Agent();

export async function generateOnceWithUndici(url: string, model: string, prompt: string): Promise<unknown> {
  const response = await request(`${url}/v1beta/models/${model}:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'bench-key' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: prompt }] }] }),
    dispatcher: agent,
  });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new Error(`HTTP ${response.statusCode}`);
  }
  return response.body.json();
}

/** Every row through one p-queue of `concurrency` and {@link generateOnceWithUndici}; a failure loses the row. */
export async function runPlainUndici(
  prompts: readonly string[],
  setup: { url: string; model: string; concurrency: number },
): Promise<RowOutcome[]> {
  const queue = new PQueue({ concurrency: setup.concurrency });
  return Promise.all(
    prompts.map((prompt) =>
      queue.add(async (): Promise<RowOutcome> => {
        try {
          await generateOnceWithUndici(setup.url, setup.model, prompt);
          return { ok: true };
        } catch (error) {
          return { ok: false, error: describeError(error) };
        }
      }),
    ),
  );
}
