import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHandle, type FaultName, recordedFixturesDir, startEmulator } from '../../src/index.js';
import { keyOrderConflicts, shapePaths, sseEvents } from './wire-shape.js';

interface FixtureMeta {
  id: string;
  name: string;
  url_path: string | null;
  http_status: number;
  model: string | null;
  streaming: boolean;
  raw_body_bytes: boolean;
  files: { request?: string; response: string };
}

/** How to replay a fixture on the emulator when it cannot be replayed as recorded. */
interface Replay {
  /** Why the fixture is not replayed at all. */
  skip?: string;
  /** The TokenOff model standing in for the recorded one, and why. */
  model?: string;
  /** A request for fixtures whose source kept only the response. */
  request?: unknown;
  /** A fault that reproduces what the real model did on its own (the emulator's model never does it). */
  fault?: FaultName;
  /** Send no API key (the recording reached the API without one). */
  noKey?: boolean;
  /** Recorded paths the emulator does not send, with the reason in `why`. */
  mayLack?: string[];
  /** Paths the emulator sends that this recording happens not to have. */
  mayAdd?: string[];
  why?: string;
}

const gemini35 =
  'gemini-3.5-flash is not a TokenOff model; gemini-3-flash-preview is the nearest (Gemini 3, flash tier)';
const newerFields = [
  '$.usageMetadata.serviceTier: string',
  '$.turnToken: string',
  '$[].usageMetadata.serviceTier: string',
];

const replays: Record<string, Replay> = {
  '012': { model: 'gemini-3-flash-preview', mayLack: newerFields, why: gemini35 },
  '013': { model: 'gemini-3-flash-preview', mayLack: newerFields, why: gemini35 },
  '014': { model: 'gemini-3-flash-preview', mayLack: newerFields, why: gemini35 },
  '016': { model: 'gemini-3-flash-preview', mayLack: newerFields, why: gemini35 },
  '006': {
    mayAdd: ['$.usageMetadata.thoughtsTokenCount: number'],
    why: 'the real model skipped thinking for this follow-up; the emulated flash thinks on every turn',
  },
  '008': {
    mayAdd: [
      '$.usageMetadata.thoughtsTokenCount: number',
      '$.candidates[].content.parts[].thoughtSignature: string',
    ],
    why: 'the real model skipped thinking (so no signature) for this follow-up; the emulated flash thinks on every turn',
  },
  '015': {
    fault: 'unexpectedToolCall',
    mayAdd: ['$.modelVersion: string', '$.responseId: string'],
    why: 'the real model ended with UNEXPECTED_TOOL_CALL on its own; this one recorded chunk lacks modelVersion and responseId, which every other chunk has and the emulator always sends',
  },
  '030': {
    mayLack: ['$.candidates[].content.parts[].thoughtSignature: string'],
    why: 'with tools declared, real 2.5 models also sign the first text part; the emulated model signs text only on Gemini 3',
  },
  '017': {
    skip: 'Vertex AI (aiplatform.googleapis.com, v1beta1) answering an API key with OAuth-only 401: TokenOff never serves this',
  },
  '020': {
    model: 'gemini-2.5-flash',
    noKey: true,
    why: 'recorded without a key on gemini-2.0-flash; the 403 comes before the model',
  },
  '021': {
    model: 'gemini-3.1-pro-preview',
    request: { contents: [{ role: 'user', parts: [{ text: 'How many "r"s are in strawberry?' }] }] },
    why: 'gemini-3-pro-preview was shut down for 3.1-pro-preview; the source kept only the response',
  },
  '022': {
    model: 'gemini-3.1-pro-preview',
    mayAdd: ['$.candidates[].content.parts[].functionCall.id: string'],
    request: {
      contents: [
        { role: 'user', parts: [{ text: 'What is the weather in San Francisco? Use the weather tool.' }] },
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'weather',
              description: 'Get the weather in a location',
              parameters: {
                type: 'OBJECT',
                properties: { location: { type: 'STRING' } },
                required: ['location'],
              },
            },
          ],
        },
      ],
    },
    why: 'gemini-3-pro-preview was shut down for 3.1-pro-preview, which sends call ids (recorded 009); the source kept only the response',
  },
  '023': {
    model: 'gemini-3-flash-preview',
    request: { contents: [{ role: 'user', parts: [{ text: 'A prompt the filters block' }] }] },
    fault: 'promptBlocked',
    mayLack: newerFields,
    why: 'gemini-3.7-flash is not a TokenOff model; the block is a fault the emulator injects',
  },
  '024': {
    model: 'gemini-3-flash-preview',
    request: { contents: [{ role: 'user', parts: [{ text: 'A prompt the filters block' }] }] },
    fault: 'promptBlocked',
    mayLack: newerFields,
    why: 'as 023, streamed',
  },
  '025': {
    request: {
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      generationConfig: { presencePenalty: 0.5 },
    },
    why: 'request not recorded; rebuilt from the error message',
  },
  '026': {
    model: 'gemini-2.5-flash',
    request: {
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      tools: [{ functionDeclarations: [{ name: 'lookup', parameters: { type: 'OBJECT', properties: {} } }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      generationConfig: { responseMimeType: 'application/json' },
    },
    why: 'request and model not recorded; rebuilt from the error message',
  },
  '027': {
    request: {
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      generationConfig: { thinkingConfig: { thinkingLevel: 'MINIMAL' } },
    },
    why: 'request not recorded; rebuilt from the error message',
  },
  '028': {
    request: {
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      generationConfig: { thinkingConfig: { thinkingLevel: 'HIGH', thinkingBudget: 1024 } },
    },
    why: 'request not recorded; rebuilt from the error message',
  },
  '031': { mayLack: newerFields, why: 'serviceTier is a newer field the emulator does not send' },
  '032': {
    model: 'gemini-2.5-flash',
    fault: 'safety',
    mayAdd: ['$.candidates[].index: number'],
    why: 'gemini-1.5-flash is retired; the SAFETY finish is a fault the emulator injects; the cassette dropped index 0',
  },
};

const fixtures: FixtureMeta[] = readdirSync(recordedFixturesDir)
  .filter((name) => name.endsWith('.meta.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(recordedFixturesDir, name), 'utf8')) as FixtureMeta);

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: ['conformance-key'] });
});
afterAll(async () => {
  await emulator.close();
});

function actionOf(meta: FixtureMeta): string {
  const match = /:(\w+)/.exec(meta.url_path ?? '');
  return match?.[1] ?? 'generateContent';
}

function bodiesOf(text: string, streaming: boolean, raw: boolean): unknown[] {
  if (!streaming) return [JSON.parse(text)];
  // re-serialized streams (021, 022, 024) hold one compact JSON chunk per line with no "data: " prefix
  if (!text.startsWith('data: ')) {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
  }
  void raw;
  return sseEvents(text);
}

describe('conformance to recorded Gemini traffic', () => {
  it('walks every fixture in fixtures/gemini-recorded', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(32);
  });

  for (const meta of fixtures) {
    const replay = replays[meta.id] ?? {};
    const title = `${meta.id} ${meta.name}`;
    if (replay.skip !== undefined) {
      it.skip(`${title} (skipped: ${replay.skip})`, () => undefined);
      continue;
    }
    it(`${title} has the recorded structure${replay.why === undefined ? '' : ` (${replay.why})`}`, async () => {
      const recordedText = readFileSync(join(recordedFixturesDir, meta.files.response), 'utf8');
      const requestBody =
        replay.request ??
        (meta.files.request === undefined
          ? undefined
          : JSON.parse(readFileSync(join(recordedFixturesDir, meta.files.request), 'utf8')));
      expect(requestBody, 'a replayable fixture needs a request').toBeDefined();
      const model = replay.model ?? meta.model ?? 'gemini-2.5-flash';
      emulator.clearScript();
      if (replay.fault !== undefined) emulator.script([{ model, fault: replay.fault, times: 1 }]);
      const action = actionOf(meta);
      const query = meta.streaming ? '?alt=sse' : '';
      const response = await fetch(`${emulator.url}/v1beta/models/${model}:${action}${query}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(replay.noKey === true ? {} : { 'x-goog-api-key': 'conformance-key' }),
        },
        body: JSON.stringify(requestBody),
      });
      const emulatedText = await response.text();
      expect(response.status).toBe(meta.http_status);

      // framing
      const streamed = meta.streaming && meta.http_status === 200;
      if (streamed) {
        expect(response.headers.get('content-type')).toBe('text/event-stream');
        expect(emulatedText.endsWith('\r\n\r\n')).toBe(true);
        if (meta.raw_body_bytes) {
          expect(emulatedText.slice(0, 20)).toBe(recordedText.slice(0, 20));
          expect(
            recordedText.includes('\r\n\r\ndata: ') || !recordedText.slice(0, -4).includes('\r\n\r\n'),
          ).toBe(true);
        }
      } else {
        expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
        expect(emulatedText.startsWith('{\n  "')).toBe(true);
        expect(emulatedText.endsWith('}\n')).toBe(true);
        if (meta.raw_body_bytes) expect(emulatedText.slice(0, 6)).toBe(recordedText.slice(0, 6));
      }

      // structure: every path the recording has, the emulator has (and nothing it invents), same types
      const recordedBodies = bodiesOf(recordedText, streamed, meta.raw_body_bytes);
      const emulatedBodies = streamed ? sseEvents(emulatedText) : [JSON.parse(emulatedText)];
      const recordedPaths = new Set([...shapePaths(recordedBodies)]);
      const emulatedPaths = new Set([...shapePaths(emulatedBodies)]);
      const mayLack = new Set((replay.mayLack ?? []).map((path) => path.replace(/^\$\./, '$[].')));
      const mayAdd = new Set((replay.mayAdd ?? []).map((path) => path.replace(/^\$\./, '$[].')));
      const missing = [...recordedPaths].filter((path) => !emulatedPaths.has(path) && !mayLack.has(path));
      const invented = [...emulatedPaths].filter((path) => !recordedPaths.has(path) && !mayAdd.has(path));
      expect({ missing, invented }).toEqual({ missing: [], invented: [] });

      // error answers: the very words of the recording
      if (meta.http_status !== 200) {
        const recordedError = (recordedBodies[0] as { error: { message: string; status: string } }).error;
        const emulatedError = (emulatedBodies[0] as { error: { message: string; status: string } }).error;
        expect(emulatedError).toMatchObject({ message: recordedError.message, status: recordedError.status });
      }

      // key order, where the recording kept the wire order
      if (meta.raw_body_bytes) expect(keyOrderConflicts(emulatedBodies, recordedBodies)).toEqual([]);
    });
  }
});
