import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHoldingEmulator } from './test-support/holding-emulator.js';
import { finish, startTokenflow } from './test-support/run-example.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'tokenflow-pipelines-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const records = async (path: string) =>
  (await readFile(path, 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { id: string; output: Record<string, unknown> });

describe('the YAML pipelines, through the real tokenflow binary, offline', () => {
  it('every bundled pipeline is valid', async () => {
    const { code, output } = await finish(
      startTokenflow([
        'validate',
        'pipelines/classify.yaml',
        'pipelines/extract.yaml',
        'pipelines/summarize.yaml',
      ]),
    );
    expect(output).toBe(
      'pipelines/classify.yaml: valid\npipelines/extract.yaml: valid\npipelines/summarize.yaml: valid\n',
    );
    expect(code).toBe(0);
  });

  it('classify.yaml triages all 300 bundled tickets, escalating only the urgent ones', async () => {
    const output = join(out, 'classify.jsonl');
    const run = await finish(
      startTokenflow(['run', 'pipelines/classify.yaml', '-i', 'data/tickets.jsonl', '-o', output]),
    );
    expect(run.code).toBe(0);
    expect(run.output).toContain('300 done, 0 failed');
    const rows = await records(output);
    expect(rows).toHaveLength(300);
    const categories = new Set(rows.map((row) => row.output.category));
    expect(categories.size).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      if (row.output.urgent === true) expect(row.output.team).not.toBeNull();
      else expect(row.output.team).toBeNull();
    }
  });

  it('summarize.yaml chunks, maps on flash and falls back from an overloaded pro, visibly', async () => {
    const output = join(out, 'summaries.jsonl');
    const run = await finish(
      startTokenflow([
        'run',
        'pipelines/summarize.yaml',
        '-i',
        'data/documents.jsonl',
        '-o',
        output,
        '--emulator-faults',
        'faults/pro-overloaded.json',
      ]),
    );
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/[1-9]\d* fallbacks/);
    expect(run.output).not.toMatch(/gemini-2\.5-pro\s+\d+/);
    const rows = await records(output);
    expect(rows.map((row) => row.id).sort()).toEqual(['cycling-report', 'incident-review', 'lighthouses']);
    for (const row of rows) expect(row.output.chunks).toBeGreaterThan(1);
  });

  it('extract.yaml (pnpm demo) labels every event by its wording and takes nothing from the instructions', async () => {
    const output = join(out, 'extract.jsonl');
    const run = await finish(
      startTokenflow(['run', 'pipelines/extract.yaml', '-i', 'data/news.jsonl', '-o', output]),
    );
    expect(run.code).toBe(0);
    expect(run.output).toContain('Run completed.');
    const lines = (await readFile(output, 'utf8')).split('\n').filter((line) => line !== '');
    const news = new Map(
      (await readFile('data/news.jsonl', 'utf8'))
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as { id: string; text: string })
        .map((item) => [item.id, item.text]),
    );
    const counts: Record<string, number> = {};
    for (const line of lines) {
      // Costs are rounded to 1e-9 USD: no float noise such as 0.000011500000000000002.
      expect(line).not.toMatch(/"costUsd":\d+\.\d{10,}/);
      const row = JSON.parse(line) as {
        id: string;
        output: { event: string; amounts: { value: number; context: string }[] };
      };
      const text = news.get(row.id) ?? '';
      counts[row.output.event] = (counts[row.output.event] ?? 0) + 1;
      if (/\bagreed to acquire\b/.test(text)) expect(row.output.event, row.id).toBe('acquisition');
      if (/\bnamed .+ as its new\b/.test(text)) expect(row.output.event, row.id).toBe('appointment');
      if (!/[$€£]\d/.test(text)) expect(row.output.amounts, row.id).toEqual([]);
      for (const amount of row.output.amounts) expect(text, row.id).toContain(amount.context);
    }
    expect(counts).toEqual({
      acquisition: 46,
      appointment: 48,
      earnings: 36,
      expansion: 38,
      financing: 40,
      partnership: 34,
      regulation: 35,
      stock_move: 43,
    });
  });

  it('extract.yaml is interrupted with Ctrl-C and resumed to exactly one line per news item', async () => {
    const output = join(out, 'extract.jsonl');
    const args = [
      'run',
      'pipelines/extract.yaml',
      '-i',
      'data/news.jsonl',
      '-o',
      output,
      '--concurrency',
      '4',
    ];
    // The first run calls an emulator here that answers 8 calls and holds the rest, so the Ctrl-C lands
    // mid-run however fast or slow the machine is; once the run says it is stopping, the held calls are
    // answered and it ends with the rows in flight.
    const holding = await startHoldingEmulator(8);
    let stopped: Awaited<ReturnType<typeof finish>>;
    try {
      const first = startTokenflow([...args, '--json'], holding.env);
      await holding.whenHolding();
      first.child.kill('SIGINT');
      await first.waitFor(/"type":"note","message":"Stopping: no new rows/);
      holding.release();
      stopped = await finish(first);
    } finally {
      await holding.close();
    }
    expect(stopped.code).toBe(130);
    const partial = (await records(output)).length;
    // At most the rows of the 8 answered calls and the 4 in flight (--concurrency 4).
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThanOrEqual(8 + 4);

    const resumed = await finish(startTokenflow(args));
    expect(resumed.code).toBe(0);
    expect(resumed.output).toContain(`${partial} skipped`);
    const ids = (await records(output)).map((row) => row.id);
    expect(ids).toHaveLength(320);
    expect(new Set(ids).size).toBe(320);
  });
});
