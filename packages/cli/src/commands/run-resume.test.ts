import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonl } from '../test-support/read-jsonl.js';
import { runCli, startCli } from '../test-support/run-cli.js';
import { writeTickets } from '../test-support/write-tickets.js';

const pipeline = new URL('../test-support/fixtures/triage.yaml', import.meta.url).pathname;
const apiKey = 'cli-resume-key-81c2';
const concurrency = 4;
/** The batch runner's default window: rows started but not yet durable. */
const window = 2 * concurrency;

/** How many requests the emulator saw for each ticket (the ticket id is in its prompt). */
function requestsPerTicket(emulator: EmulatorHandle): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of emulator.requests) {
    const id = /\(ref (t\d+)\)/.exec(JSON.stringify(request.body))?.[1];
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/**
 * Where each crash happens: after this many rows in all, four random points over the 200-row run. The
 * seed is printed when the test fails, so a failing run can be replayed with KILL_SEED.
 */
const killSeed = Number(process.env.KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
function randomKillPoints(seed: number): number[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const points = new Set<number>();
  while (points.size < 4) points.add(5 + Math.floor(next() * 180));
  return [...points].sort((a, b) => a - b);
}
const killPoints = randomKillPoints(killSeed);

describe('tokenflow run: crashes and Ctrl-C (the real binary)', () => {
  let dir: string;
  let emulator: EmulatorHandle;
  const env = (): Record<string, string> => ({ TOKENOFF_API_KEY: apiKey, TOKENOFF_BASE_URL: emulator.url });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenflow-resume-'));
    emulator = await startEmulator({
      apiKeys: [apiKey],
      faults: { '*': { latency: { firstByteMs: { min: 5, max: 40 } } } },
    });
  });
  afterEach(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(`loses and duplicates no row across repeated kill -9 and resume, re-sending at most a window per crash (KILL_SEED=${killSeed})`, async () => {
    const input = join(dir, 'tickets.jsonl');
    const output = join(dir, 'out.jsonl');
    const ids = await writeTickets(input, 200);
    const args = ['run', pipeline, '-i', input, '-o', output, '--concurrency', String(concurrency), '--json'];

    for (const point of killPoints) {
      const run = startCli(args, { cwd: dir, env: env() });
      // Kill once this run has reported `point` more durable rows (JSON events on stdout, one per line).
      const target = point - (killPoints[killPoints.indexOf(point) - 1] ?? 0);
      await run.waitFor((all) => (all.match(/"type":"row-end"/g)?.length ?? 0) >= target);
      run.child.kill('SIGKILL');
      expect((await run.exited).signal).toBe('SIGKILL');
    }
    const last = await runCli(args, { cwd: dir, env: env() });
    expect(last.code).toBe(0);

    const lines = await readJsonl(output);
    const seen = lines.map((line) => line.id as string);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(ids);
    expect(await readJsonl(join(dir, 'out.errors.jsonl'))).toEqual([]);

    const counts = requestsPerTicket(emulator);
    expect([...counts.keys()].sort()).toEqual(ids);
    const resent = [...counts.values()].filter((count) => count > 1).length;
    expect(resent).toBeLessThanOrEqual(killPoints.length * window);
  });

  it('stops gracefully on the first Ctrl-C, says how to resume, and the next run finishes the rest', async () => {
    const input = join(dir, 'tickets.jsonl');
    const output = join(dir, 'out.jsonl');
    const ids = await writeTickets(input, 120);
    const args = ['run', pipeline, '-i', input, '-o', output, '--concurrency', String(concurrency)];
    const run = startCli([...args, '--json'], { cwd: dir, env: env() });
    await run.waitFor('"type":"row-end"');
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    expect(run.stdout()).toContain('Stopping: no new rows');
    const stopped = run
      .stdout()
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { type: string; summary?: { stopReason: string; resumeHint?: string } },
      )
      .find((event) => event.type === 'batch-end');
    expect(stopped?.summary?.stopReason).toBe('stopped');
    expect(stopped?.summary?.resumeHint).toMatch(/again/i);
    const partial = (await readJsonl(output)).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ids.length);

    const rest = await runCli(args, { cwd: dir, env: env() });
    expect(rest.code).toBe(0);
    expect(rest.stderr).toMatch(new RegExp(`${partial} skipped`));
    const seen = (await readJsonl(output)).map((line) => line.id as string);
    expect([...seen].sort()).toEqual(ids);
  });

  it('cancels in-flight rows on a second Ctrl-C and still resumes to exactly one line per row', async () => {
    emulator.setFaults({ '*': { latency: { firstByteMs: 400 } } });
    const input = join(dir, 'tickets.jsonl');
    const output = join(dir, 'out.jsonl');
    const ids = await writeTickets(input, 40);
    const args = ['run', pipeline, '-i', input, '-o', output, '--concurrency', String(concurrency)];
    const run = startCli([...args, '--json'], { cwd: dir, env: env() });
    await run.waitFor('"type":"row-end"');
    run.child.kill('SIGINT');
    await run.waitFor('Stopping: no new rows');
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    expect(run.stdout()).toContain('Cancelling the rows in flight now');

    emulator.setFaults({});
    const rest = await runCli(args, { cwd: dir, env: env() });
    expect(rest.code).toBe(0);
    const seen = (await readJsonl(output)).map((line) => line.id as string);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(ids);
  });
});
