import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHandle, type GenerateContentResponse, startEmulator } from '../../src/index.js';
import { parseSse } from '../../src/test-support/call-emulator.js';

/** The seed's curl examples, sent byte for byte with fetch (blocking and streaming, Bearer auth). */
const seedBody = `{
"contents": [
{
"role": "user",
"parts": [
{"text": "Hello"}
]
}
]
}`;

let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: ['your_api_key_here'] });
});
afterAll(async () => {
  await emulator.close();
});

function curl(action: string): Promise<Response> {
  return fetch(`${emulator.url}/v1beta/models/gemini-2.5-pro:${action}`, {
    method: 'POST',
    headers: { Authorization: 'Bearer your_api_key_here', 'Content-Type': 'application/json' },
    body: seedBody,
  });
}

describe("the seed's curl requests", () => {
  it('blocking: answers like the documented output (candidates, usage with thoughts, modelVersion, responseId)', async () => {
    const response = await curl('generateContent');
    expect(response.status).toBe(200);
    const body = (await response.json()) as GenerateContentResponse;
    expect(body.candidates?.[0]?.content?.role).toBe('model');
    expect(body.candidates?.[0]?.content?.parts?.[0]?.text).toBeTypeOf('string');
    expect(body.candidates?.[0]?.index).toBe(0);
    expect(body.usageMetadata.promptTokensDetails?.[0]?.modality).toBe('TEXT');
    expect(body.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
    expect(body.modelVersion).toBe('gemini-2.5-pro');
  });

  it('streaming without ?alt: answers SSE data lines, as TokenOff documents', async () => {
    const response = await curl('streamGenerateContent');
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const chunks = parseSse(await response.text()) as GenerateContentResponse[];
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.every((chunk) => chunk.responseId === chunks[0]?.responseId)).toBe(true);
  });
});
