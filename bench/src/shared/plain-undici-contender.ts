/**
 * The floor under every client here: one POST through undici's request API (what tokenflow's transport
 * uses by default, and what Node's fetch runs on) and `JSON.parse` of the body, nothing else.
 */
import { Agent, request } from 'undici';

const agent = new Agent();

export async function generateOnceWithUndici(url: string, model: string, prompt: string): Promise<unknown> {
  const response = await request(`${url}/v1beta/models/${model}:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'bench-key' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: prompt }] }] }),
    dispatcher: agent,
  });
  return response.body.json();
}
