import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonl } from '../test-support/read-jsonl.js';
import { runCli } from '../test-support/run-cli.js';
import { writeTickets } from '../test-support/write-tickets.js';

const pipeline = new URL('../test-support/fixtures/triage.yaml', import.meta.url).pathname;
const apiKey = 'cli-test-key-4f9a';

function rateLimited(model: string, retryDelay: string) {
  return {
    status: 429,
    body: {
      error: {
        code: 429,
        message: `You exceeded your current quota, please check your plan and billing details.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_paid_tier_requests, limit: 1000, model: ${model}\nPlease retry in ${retryDelay}.`,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel', quotaValue: '1000' }],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
        ],
      },
    },
  };
}

describe('tokenflow run (the real binary against the emulator)', () => {
  let dir: string;
  let emulator: EmulatorHandle;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenflow-cli-'));
  });
  afterEach(async () => {
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('accounts for every row of a 300-row run through 429s, 503s and pro running out of its daily quota', async () => {
    emulator = await startEmulator({
      apiKeys: [apiKey],
      seed: 11,
      faults: {
        'gemini-2.5-pro': { quota: { requestsPerDay: 40 }, errorRates: { '503': 0.05 } },
        'gemini-2.5-flash': { errorRates: { '503': 0.05 } },
      },
      script: [{ model: 'gemini-2.5-flash', times: 15, error: rateLimited('gemini-2.5-flash', '0.05s') }],
    });
    const input = join(dir, 'tickets.jsonl');
    const output = join(dir, 'out.jsonl');
    const ids = await writeTickets(input, 300);

    const result = await runCli(
      ['run', pipeline, '--input', input, '--output', output, '--concurrency', '8'],
      {
        cwd: dir,
        env: { TOKENOFF_API_KEY: apiKey, TOKENOFF_BASE_URL: emulator.url },
      },
    );

    const done = await readJsonl(output);
    const failed = await readJsonl(join(dir, 'out.errors.jsonl'));
    const seen = [...done, ...failed].map((line) => line.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(ids);
    expect(result.code).toBe(failed.length === 0 ? 0 : 1);
    expect(result.stderr).toContain('Run completed.');
    expect(result.stderr).toMatch(/\d+ fallbacks/);
    const servedBy = new Set(done.flatMap((line) => (line.meta as { models: string[] }).models));
    expect(servedBy).toContain('gemini-2.5-pro');
    expect(servedBy).toContain('gemini-2.5-flash');
    // Once pro's daily quota is gone its breaker stays open: at most the quota plus the calls that were
    // already in flight when the first 429 came back reach pro.
    const proRequests = emulator.requests.filter((request) => request.model === 'gemini-2.5-pro').length;
    expect(proRequests).toBeLessThanOrEqual(40 + 8 + 1);
    expect(result.stderr).not.toContain(apiKey);
    expect(JSON.stringify(done)).not.toContain(apiKey);
  });

  it('runs offline against the built-in emulator when TOKENOFF_API_KEY is not set, and says so', async () => {
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 5);
    const result = await runCli(['run', pipeline, '-i', input, '-o', join(dir, 'out.jsonl')], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /TOKENOFF_API_KEY is not set, so this runs offline against the built-in emulator at http:\/\/127\.0\.0\.1:\d+\/api/,
    );
    expect(await readJsonl(join(dir, 'out.jsonl'))).toHaveLength(5);
  });

  it('stops starting rows at --max-cost, exits 1 and says how far it got', async () => {
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 200);
    const output = join(dir, 'out.jsonl');
    const result = await runCli(['run', pipeline, '-i', input, '-o', output, '--max-cost', '0.02'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Run stopped at the cost budget (--max-cost).');
    const done = (await readJsonl(output)).length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(200);
    expect(result.stderr).toContain(`${done} of 200 rows are finished. Run the same command again to resume`);
  });

  it('does nothing on --dry-run but report the plan', async () => {
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 7);
    const result = await runCli(['run', pipeline, '-i', input, '-o', join(dir, 'out.jsonl'), '--dry-run'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dry run: pipeline "triage" is valid');
    expect(result.stdout).toContain('7 rows');
    expect(await readJsonl(join(dir, 'out.jsonl'))).toEqual([]);
  });

  it('prints JSON events with --json, ending with the summary', async () => {
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 4);
    const result = await runCli(['run', pipeline, '-i', input, '-o', join(dir, 'out.jsonl'), '--json'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; summary?: { rows: { done: number } } });
    expect(events[0]?.type).toBe('batch-start');
    expect(events.filter((event) => event.type === 'row-end')).toHaveLength(4);
    expect(events.at(-1)?.type).toBe('batch-end');
    expect(events.at(-1)?.summary?.rows.done).toBe(4);
  });

  it('refuses to resume after the pipeline file changed, unless --allow-changed', async () => {
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 3);
    const output = join(dir, 'out.jsonl');
    const changed = join(dir, 'changed.yaml');
    const { readFile, writeFile } = await import('node:fs/promises');
    await writeFile(changed, await readFile(pipeline, 'utf8'));
    expect((await runCli(['run', changed, '-i', input, '-o', output], { cwd: dir })).code).toBe(0);
    await writeFile(
      changed,
      (await readFile(changed, 'utf8')).replace('Classify this', 'Please classify this'),
    );
    const refused = await runCli(['run', changed, '-i', input, '-o', output], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/changed/i);
    const allowed = await runCli(['run', changed, '-i', input, '-o', output, '--allow-changed'], {
      cwd: dir,
    });
    expect(allowed.code).toBe(0);
    expect(await readJsonl(output)).toHaveLength(3);
  });
});

describe('tokenflow usage errors', () => {
  const cwd = tmpdir();

  it('names a missing pipeline file and exits 2', async () => {
    const result = await runCli(['run', 'nope.yaml', '-i', 'x.jsonl', '-o', 'y.jsonl'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The pipeline file nope.yaml does not exist');
  });

  it('names a missing input file and exits 2', async () => {
    const result = await runCli(['run', pipeline, '-i', 'missing.jsonl', '-o', 'y.jsonl'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--input missing.jsonl: no such file');
  });

  it('refuses a bad TOKENFLOW_MEMORY_LOG_EVERY before anything runs, and exits 2', async () => {
    const input = join(cwd, `memory-log-every-${process.pid}.jsonl`);
    const output = join(cwd, `memory-log-every-${process.pid}`, 'out.jsonl');
    await writeTickets(input, 2);
    try {
      const result = await runCli(['run', pipeline, '-i', input, '-o', output], {
        cwd,
        env: { TOKENFLOW_MEMORY_LOG: 'memory.jsonl', TOKENFLOW_MEMORY_LOG_EVERY: 'often' },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'TOKENFLOW_MEMORY_LOG_EVERY must be a whole number of rows above 0, got "often"',
      );
      await expect(access(output)).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(input, { force: true });
    }
  });

  it('rejects a bad --concurrency with the accepted range', async () => {
    const result = await runCli(['run', pipeline, '-i', 'a', '-o', 'b', '--concurrency', '0'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--concurrency must be a whole number from 1 to 1024, got "0"');
  });

  it('rejects a --max-cost that is not a positive amount', async () => {
    const result = await runCli(['run', pipeline, '-i', 'a', '-o', 'b', '--max-cost', 'lots'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--max-cost must be a positive number of US dollars such as 5 or 0.25, got "lots"',
    );
  });

  it('names a broken --emulator-faults file and the field that is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokenflow-faults-'));
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeTickets(join(dir, 'rows.jsonl'), 2);
      await writeFile(
        join(dir, 'faults.json'),
        '{"models":{"gemini-2.5-pro":{"errorRates":{"503":"often"}}}}',
      );
      const result = await runCli(
        ['run', pipeline, '-i', 'rows.jsonl', '-o', 'out.jsonl', '--emulator-faults', 'faults.json'],
        { cwd: dir },
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('faults.json');
      expect(result.stderr).toContain('503');
      expect(await readJsonl(join(dir, 'out.jsonl'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('requires --input and --output', async () => {
    const result = await runCli(['run', pipeline], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '-i, --input <file>' not specified");
  });

  it('rejects an unknown command with a hint', async () => {
    const result = await runCli(['rnu'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'rnu'");
  });
});
