import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHoldingEmulator } from './test-support/holding-emulator.js';
import { finish, startScript } from './test-support/run-example.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'tokenflow-examples-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const lines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { id: string; output: Record<string, unknown> });

describe('the TypeScript examples, offline against the emulator', () => {
  it('summarize.ts writes a typed summary of every bundled document, combined on pro', async () => {
    const { code, output } = await finish(startScript('summarize.ts', [], { TOKENFLOW_EXAMPLES_OUT: out }));
    expect(code).toBe(0);
    expect(output).toContain('runs offline against the built-in emulator');
    expect(output).toMatch(
      /# lighthouses\.md[\s\S]*chunks summarised in parallel, combined on gemini-2\.5-pro/,
    );
    expect(output).toMatch(/gemini-2\.5-pro\s+3 served/);
    const summaries = JSON.parse(await readFile(join(out, 'summaries.json'), 'utf8')) as {
      file: string;
      key_points: string[];
      summary: string;
    }[];
    expect(summaries.map((entry) => entry.file)).toEqual([
      'cycling-report.md',
      'incident-review.md',
      'lighthouses.md',
    ]);
    for (const entry of summaries) {
      expect(entry.key_points.length).toBeGreaterThanOrEqual(3);
      expect(entry.summary.length).toBeGreaterThan(20);
    }
    // Extractive offline summaries quote the documents: the facts come from the text.
    const lighthouses = summaries[2];
    expect(`${lighthouses?.summary} ${lighthouses?.key_points.join(' ')}`).toMatch(/Grey Point|lighthouse/);
  });

  it('summarize.ts falls back from an overloaded pro to flash, and says so', async () => {
    const { code, output } = await finish(
      startScript('summarize.ts', ['--emulator-faults', 'faults/pro-overloaded.json'], {
        TOKENFLOW_EXAMPLES_OUT: out,
      }),
    );
    expect(code).toBe(0);
    expect(output).toContain('[gateway] gemini-2.5-pro -> gemini-2.5-flash (overloaded)');
    expect(output).toMatch(/combined on gemini-2\.5-flash/);
    expect(output).toMatch(/gemini-2\.5-pro\s+0 served/);
    expect(JSON.parse(await readFile(join(out, 'summaries.json'), 'utf8'))).toHaveLength(3);
  });

  it('extract.ts extracts typed records as a batch, and an interrupted run resumes without re-sending', async () => {
    const env = { TOKENFLOW_EXAMPLES_OUT: out };
    // The first run calls an emulator here that answers 60 calls and holds the rest, so the Ctrl-C lands
    // mid-run however fast or slow the machine is; once the run says it is stopping, the held calls are
    // answered and it ends with the items in flight.
    const holding = await startHoldingEmulator(60);
    let stopped: Awaited<ReturnType<typeof finish>>;
    try {
      const first = startScript('extract.ts', [], { ...env, ...holding.env });
      await holding.whenHolding();
      first.child.kill('SIGINT');
      await first.waitFor(/Stopping after the items in flight/);
      holding.release();
      stopped = await finish(first);
    } finally {
      await holding.close();
    }
    expect(stopped.code).toBe(130);
    expect(stopped.output).toContain('Run the same command again to resume');
    const partial = (await lines(join(out, 'extract.jsonl'))).length;
    // At most the rows of the 60 answered calls and the 8 in flight (extract.ts runs 8 at once).
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThanOrEqual(60 + 8);

    const second = await finish(startScript('extract.ts', [], env));
    expect(second.code).toBe(0);
    expect(second.output).toContain(`Resuming: ${partial} items were finished by an earlier run.`);
    const records = await lines(join(out, 'extract.jsonl'));
    const ids = records.map((record) => record.id);
    expect(new Set(ids).size).toBe(320);
    expect(ids).toHaveLength(320);
    expect(second.output).toContain('# Extraction report');
    expect(second.output).toMatch(/Most mentioned companies: .*(Inc\.|Ltd|Group|Corp\.|Bank|Holdings)/);
  });

  it('agent.ts answers from the documents by listing, reading and calculating, showing each step', async () => {
    const { code, output } = await finish(
      startScript(
        'agent.ts',
        ['What is the Q3 marketing budget in our documents, and what is it times 4?'],
        {},
      ),
    );
    expect(code).toBe(0);
    expect(output).toMatch(/-> list_files\(/);
    expect(output).toMatch(/-> read_file\(\{"path":"q3-marketing-plan\.md"/);
    expect(output).toMatch(/-> calculator\(\{"expression":"12500 \* 4"\}\)/);
    expect(output).toMatch(/A: [\s\S]*50000/);
  });
});
