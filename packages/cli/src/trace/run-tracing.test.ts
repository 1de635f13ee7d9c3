import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io.js';
import { main } from '../main.js';
import { writeTickets } from '../test-support/write-tickets.js';
import type { ExportTraceServiceRequest, OtlpAnyValue, OtlpSpan } from './otlp-json.js';

const pipeline = new URL('../test-support/fixtures/triage.yaml', import.meta.url).pathname;
/** A canary key: it must show up in no span, attribute, event, request or file. */
const canaryKey = 'tk-live-CANARY-7d3f9b1e5a';

interface Received {
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A real OTLP/HTTP receiver on loopback that keeps every request it gets. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url, headers: request.headers, body: Buffer.concat(chunks) });
      const json = request.headers['content-type'] === 'application/json';
      response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      response.end(json ? '{}' : undefined);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, received };
}

async function runTokenflow(args: string[], env: Record<string, string>, cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    cwd,
  };
  const code = await main(['node', 'tokenflow', ...args], io);
  return { code, stdout, stderr };
}

function spansOf(requests: readonly ExportTraceServiceRequest[]): OtlpSpan[] {
  return requests.flatMap((request) =>
    request.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)),
  );
}
function attribute(span: OtlpSpan | undefined, key: string): OtlpAnyValue | undefined {
  return span?.attributes.find((entry) => entry.key === key)?.value;
}

describe('tokenflow run --trace and OTLP export', () => {
  let dir: string;
  let emulator: EmulatorHandle;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenflow-trace-'));
    emulator = await startEmulator({ apiKeys: [canaryKey], seed: 3 });
    env = { TOKENOFF_API_KEY: canaryKey, TOKENOFF_BASE_URL: emulator.url };
  });
  afterEach(async () => {
    await emulator.close();
    if (receiver) receiver.server.close();
    receiver = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('writes <output>.trace.jsonl: OTLP/JSON lines with batch -> row -> pipeline -> step -> chat -> attempt and GenAI attributes', async () => {
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 3);
    const output = join(dir, 'out.jsonl');
    const result = await runTokenflow(['run', pipeline, '-i', input, '-o', output, '--trace'], env, dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Trace: ${output}.trace.jsonl`);

    const lines = (await readFile(`${output}.trace.jsonl`, 'utf8')).trim().split('\n');
    const requests = lines.map((line) => JSON.parse(line) as ExportTraceServiceRequest);
    expect(
      attribute(
        { attributes: requests[0]?.resourceSpans[0]?.resource.attributes ?? [] } as OtlpSpan,
        'service.name',
      ),
    ).toEqual({
      stringValue: 'tokenflow',
    });
    const spans = spansOf(requests);
    for (const span of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(span.startTimeUnixNano).toMatch(/^\d{19}$/);
      expect(BigInt(span.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(span.startTimeUnixNano));
    }
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(1);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const chain = (span: OtlpSpan): string[] => {
      const names = [span.name];
      for (let at = span; at.parentSpanId !== undefined; ) {
        at = byId.get(at.parentSpanId) as OtlpSpan;
        names.push(at.name);
      }
      return names.reverse();
    };
    const attempts = spans.filter((span) => span.name.startsWith('attempt '));
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(chain(attempts[0] as OtlpSpan)).toEqual([
      'batch',
      'row',
      'pipeline triage',
      'step triage',
      'chat gemini-2.5-pro',
      expect.stringMatching(/^attempt gemini-2\.5-/),
    ]);
    const rows = spans.filter((span) => span.name === 'row');
    expect(
      rows
        .map((row) => attribute(row, 'tokenflow.row.id'))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([{ stringValue: 't0001' }, { stringValue: 't0002' }, { stringValue: 't0003' }]);
    const chat = spans.find((span) => span.name === 'chat gemini-2.5-pro');
    expect(attribute(chat, 'gen_ai.operation.name')).toEqual({ stringValue: 'chat' });
    expect(attribute(chat, 'gen_ai.request.model')).toEqual({ stringValue: 'gemini-2.5-pro' });
    expect(attribute(chat, 'gen_ai.usage.input_tokens')).toMatchObject({
      intValue: expect.stringMatching(/^[1-9]\d*$/),
    });
    expect(attribute(chat, 'gen_ai.input.messages')).toBeUndefined();
    expect(chat?.kind).toBe(3);
  });

  it('appends to the trace file when the run is resumed: one more trace, the first one kept', async () => {
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 2);
    const output = join(dir, 'out.jsonl');
    const trace = join(dir, 'runs', 'trace.jsonl');
    const args = ['run', pipeline, '-i', input, '-o', output, '--trace', trace];
    const first = await runTokenflow(args, env, dir);
    expect(first.code, first.stderr).toBe(0);
    const again = await runTokenflow(args, env, dir);
    expect(again.code, again.stderr).toBe(0);
    const lines = (await readFile(trace, 'utf8')).trim().split('\n');
    const spans = spansOf(lines.map((line) => JSON.parse(line) as ExportTraceServiceRequest));
    const batches = spans.filter((span) => span.name === 'batch');
    expect(batches).toHaveLength(2);
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(2);
    // The resumed run found every row finished: its batch span has no rows.
    const rowsOf = (traceId: string) =>
      spans.filter((span) => span.name === 'row' && span.traceId === traceId).length;
    expect(batches.map((batch) => rowsOf(batch.traceId)).sort()).toEqual([0, 2]);
  });

  it('sends the spans to an OTLP/HTTP JSON collector from OTEL_EXPORTER_OTLP_ENDPOINT, with its headers', async () => {
    receiver = await startReceiver();
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 2);
    const result = await runTokenflow(
      ['run', pipeline, '-i', input, '-o', join(dir, 'out.jsonl')],
      {
        ...env,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-token=abc%20123',
      },
      dir,
    );
    expect(result.code).toBe(0);
    expect(receiver.received.length).toBeGreaterThan(0);
    for (const request of receiver.received) {
      expect(request.path).toBe('/v1/traces');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-collector-token']).toBe('abc 123');
    }
    const spans = spansOf(receiver.received.map((request) => JSON.parse(request.body.toString('utf8'))));
    const chats = spans.filter((span) => span.name.startsWith('chat '));
    expect(chats).toHaveLength(2);
    for (const chat of chats) {
      expect(attribute(chat, 'gen_ai.provider.name')).toEqual({ stringValue: 'tokenoff' });
      expect(attribute(chat, 'gen_ai.response.model')).toMatchObject({
        stringValue: expect.stringMatching(/^gemini-/),
      });
      // The SDK's JSON exporter writes int64 as a JSON number; the trace file as a string (both are valid OTLP/JSON).
      expect(
        Number((attribute(chat, 'gen_ai.usage.output_tokens') as { intValue: unknown }).intValue),
      ).toBeGreaterThan(0);
      expect(attribute(chat, 'tokenflow.cost_usd')).toBeDefined();
    }
    expect(spans.filter((span) => span.name === 'row')).toHaveLength(2);
    expect(await readdir(dir)).not.toContain('out.jsonl.trace.jsonl');
  });

  it('sends OTLP/HTTP protobuf by default, to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given', async () => {
    receiver = await startReceiver();
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 1);
    const result = await runTokenflow(
      ['run', pipeline, '-i', input, '-o', join(dir, 'out.jsonl')],
      { ...env, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/custom/traces` },
      dir,
    );
    expect(result.code).toBe(0);
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.received[0]?.path).toBe('/custom/traces');
    expect(receiver.received[0]?.headers['content-type']).toBe('application/x-protobuf');
    const body = Buffer.concat(receiver.received.map((request) => request.body)).toString('latin1');
    // Protobuf keeps strings as raw bytes: the span names and GenAI keys are readable in the body.
    expect(body).toContain('chat gemini-2.5-pro');
    expect(body).toContain('gen_ai.usage.input_tokens');
  });

  it('never writes or sends the API key, even with --trace-content', async () => {
    receiver = await startReceiver();
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 2);
    const output = join(dir, 'out.jsonl');
    const result = await runTokenflow(
      ['run', pipeline, '-i', input, '-o', output, '--trace', join(dir, 'trace.jsonl'), '--trace-content'],
      { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      dir,
    );
    expect(result.code).toBe(0);
    const trace = await readFile(join(dir, 'trace.jsonl'), 'utf8');
    // Content is recorded (the prompt is there), the key is not.
    expect(trace).toContain('Classify this support ticket');
    for (const file of await readdir(dir)) {
      expect(await readFile(join(dir, file), 'utf8'), file).not.toContain(canaryKey);
    }
    for (const request of receiver.received) expect(request.body.toString('utf8')).not.toContain(canaryKey);
    expect(result.stdout + result.stderr).not.toContain(canaryKey);
  });

  it('refuses an OTLP protocol it cannot send (grpc) with a usage error, before any row runs', async () => {
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 1);
    const result = await runTokenflow(
      ['run', pipeline, '-i', input, '-o', join(dir, 'out.jsonl')],
      { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      dir,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('OTEL_EXPORTER_OTLP_PROTOCOL is "grpc"');
    expect(emulator.requests).toHaveLength(0);
  });
});
