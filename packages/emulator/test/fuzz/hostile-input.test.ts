import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/faults/seeded-random.js';
import { type EmulatorHandle, startEmulator } from '../../src/index.js';
import { parseJsonBody } from '../../src/server/parse-json-body.js';
import { helloBody, postModel } from '../../src/test-support/call-emulator.js';

let emulator: EmulatorHandle;
/** The emulator's default `maxJsonDepth`, so the in-process parse matches the server's. */
const maxJsonDepth = 100;

beforeAll(async () => {
  emulator = await startEmulator({ maxBodyBytes: 1024 * 1024 });
});
afterAll(async () => {
  await emulator.close();
});

async function stillServes(): Promise<void> {
  const response = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody());
  expect(response.status).toBe(200);
}

async function errorOf(response: Response): Promise<{ code: number; status: string; message: string }> {
  const body = (await response.json()) as { error: { code: number; status: string; message: string } };
  expect(body.error.code).toBe(response.status);
  return body.error;
}

/** Sends raw bytes on a fresh socket and resolves with whatever comes back before the close. */
function rawExchange(bytes: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(emulator.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('connect', () => {
      socket.write(bytes);
      socket.end();
    });
  });
}

/** Deletes, inserts or replaces one to four characters of `text` (JSON punctuation mostly). */
function mutate(text: string, random: () => number): string {
  const characters = [...text];
  const edits = 1 + Math.floor(random() * 4);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * characters.length);
    const kind = random();
    if (kind < 0.4) characters.splice(at, 1);
    else if (kind < 0.8) characters.splice(at, 0, '{}[]",:0-e\\'.charAt(Math.floor(random() * 11)));
    else characters[at] = String.fromCharCode(Math.floor(random() * 128));
  }
  return characters.join('');
}

describe('hostile input', () => {
  it.each([
    ['not JSON at all', 'hello there'],
    ['truncated JSON', '{"contents": [{"parts": [{"text": "hi"}'],
    ['a trailing comma', '{"contents": [],}'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ])('answers 400 "Invalid JSON payload received." to %s', async (_name, body) => {
    const response = await fetch(`${emulator.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k', 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.status).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/^Invalid JSON payload received\./);
    await stillServes();
  });

  it.each([
    ['an array body', '[]'],
    ['a string body', '"contents"'],
    ['contents of the wrong type', '{"contents": "Hello"}'],
    ['a part of the wrong type', '{"contents": [{"parts": [42]}]}'],
    ['an unknown field', '{"contents": [{"parts": [{"text": "hi"}]}], "temperature": 1}'],
    ['null everywhere', '{"contents": [null], "generationConfig": null}'],
    [
      'a huge number',
      '{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"maxOutputTokens": 1e400}}',
    ],
  ])('answers 400 INVALID_ARGUMENT to %s', async (_name, body) => {
    const response = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', body);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).status).toBe('INVALID_ARGUMENT');
    await stillServes();
  });

  it('never lets __proto__ keys reach an object prototype', async () => {
    const bodies = [
      '{"__proto__": {"polluted": 1}, "contents": [{"parts": [{"text": "hi"}]}]}',
      '{"contents": [{"parts": [{"text": "hi", "__proto__": {"polluted": 1}}]}]}',
      '{"contents": [{"role": "model", "parts": [{"functionCall": {"name": "f", "args": {"__proto__": {"polluted": 1}}}}]}, {"parts": [{"text": "hi"}]}]}',
      '{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"responseMimeType": "application/json", "responseJsonSchema": {"type": "object", "properties": {"__proto__": {"type": "string"}}}}}',
    ];
    for (const body of bodies) {
      const response = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', body);
      expect([200, 400]).toContain(response.status);
      await response.arrayBuffer();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    await stillServes();
  });

  it('answers 403 for a cachedContent it cannot hold, rather than a silent success', async () => {
    const body = JSON.stringify({
      contents: [{ parts: [{ text: 'hi' }] }],
      cachedContent: 'cachedContents/abc',
    });
    const response = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', body);
    expect(response.status).toBe(403);
    expect((await errorOf(response)).message).toBe('CachedContent not found (or permission denied)');
  });

  it('refuses JSON nested 100 000 deep without recursing into it', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const response = await postModel(
      emulator.url,
      'gemini-2.5-flash',
      'generateContent',
      `{"contents": ${deep}}`,
    );
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain('Nesting depth');
    await stillServes();
  });

  it('refuses a body over the size limit with the real 400 message', async () => {
    const big = helloBody('x'.repeat(2 * 1024 * 1024));
    const response = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', big);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toBe('Request payload size exceeds the limit: 1048576 bytes.');
    await stillServes();
  });

  it('refuses a form-encoded body and an unknown alt, saying what to send instead', async () => {
    const form = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', 'contents=hi', {
      'x-goog-api-key': 'k',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(400);
    expect((await errorOf(form)).message).toContain('Content-Type: application/json');
    const alt = await postModel(
      emulator.url,
      'gemini-2.5-flash',
      'streamGenerateContent?alt=proto',
      helloBody(),
    );
    expect(alt.status).toBe(400);
    expect((await errorOf(alt)).message).toContain('Expected "sse" or "json"');
    await stillServes();
  });

  it('answers 404 to wrong methods and odd paths', async () => {
    for (const [method, path] of [
      ['GET', '/v1beta/models/gemini-2.5-flash:generateContent'],
      ['POST', '/v1beta/models'],
      ['DELETE', '/v1beta/models/gemini-2.5-flash'],
      ['POST', '/v1beta/models/gemini-2.5-flash:explode'],
      ['POST', '/v1beta/models/%E0%A4%A:generateContent'],
      ['GET', '/../../etc/passwd'],
    ] as const) {
      const response = await fetch(`${emulator.url}${path}`, {
        method,
        headers: { 'x-goog-api-key': 'k' },
        ...(method === 'POST' ? { body: helloBody() } : {}),
      });
      expect([404, 400]).toContain(response.status);
      await errorOf(response);
    }
    await stillServes();
  });

  it('survives raw garbage, broken request lines, bad headers and lying Content-Length', async () => {
    const attacks = [
      'GARBAGE\r\n\r\n',
      '\x00\x01\x02\x03\xff\xfe',
      'POST /api/v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}',
      'POST /api/v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n',
      'POST /api/v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1\r\nHost: x\r\nx-goog-api-key: k\r\nContent-Length: 5000\r\n\r\n{"contents"',
      `GET /api/v1beta/models HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(100_000)}\r\n\r\n`,
      'POST /api/v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nx-goog-api-key: k\r\n\r\nzz\r\nnot hex\r\n',
    ];
    const answers: string[] = [];
    for (const attack of attacks) {
      const answer = await rawExchange(Buffer.from(attack, 'latin1'));
      answers.push(answer);
      if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.1 (400|404|413|431|500)/);
    }
    expect(answers[0]).toContain('the request line or headers could not be parsed');
    expect(answers[5]).toMatch(/^HTTP\/1\.1 431 /);
    await stillServes();
  });

  it('keeps serving after a few hundred random mutations of a valid request', async () => {
    const random = seededRandom(1234, 'fuzz');
    const valid = JSON.stringify({
      contents: [{ role: 'user', parts: [{ text: 'Hello, what is 2 + 2?' }] }],
      generationConfig: { temperature: 0.5, maxOutputTokens: 64, thinkingConfig: { thinkingBudget: 512 } },
      tools: [
        {
          functionDeclarations: [
            { name: 'add', parameters: { type: 'OBJECT', properties: { a: { type: 'NUMBER' } } } },
          ],
        },
      ],
    });
    const mutations = Array.from({ length: 300 }, () => {
      const body = mutate(valid, random);
      const action = random() < 0.5 ? 'generateContent' : 'streamGenerateContent';
      return { body, action, parsed: parseJsonBody(Buffer.from(body), maxJsonDepth) };
    });
    // Every mutation goes through the server's body parser here; two in three are not JSON and all take
    // the same path to the same 400, so only every tenth of those is sent, beside every one that parses
    // (those reach validation and the model). Fewer round trips keep the test quick on a busy machine.
    const refused = mutations.filter((mutation) => !mutation.parsed.ok);
    const sent = [
      ...mutations.filter((mutation) => mutation.parsed.ok),
      ...refused.filter((_mutation, index) => index % 10 === 0),
    ];
    expect(refused.length).toBeGreaterThan(100);
    expect(sent.length).toBeGreaterThan(100);
    const statuses = new Set<number>();
    for (const { body, action, parsed } of sent) {
      const response = await postModel(emulator.url, 'gemini-2.5-flash', action, body);
      await response.arrayBuffer();
      statuses.add(response.status);
      expect([200, 400]).toContain(response.status);
      if (!parsed.ok) expect(response.status).toBe(400);
    }
    expect([...statuses].sort()).toEqual([200, 400]);
    await stillServes();
  });
});
