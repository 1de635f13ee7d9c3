import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    const slow = ['--emulator-faults', 'faults/slow-models.json'];
    const first = startScript('extract.ts', slow, env);
    await first.waitFor(/50 items/);
    first.child.kill('SIGINT');
    const stopped = await finish(first);
    expect(stopped.code).toBe(130);
    expect(stopped.output).toContain('Stopping after the items in flight');
    expect(stopped.output).toContain('Run the same command again to resume');
    const partial = (await lines(join(out, 'extract.jsonl'))).length;
    expect(partial).toBeGreaterThanOrEqual(50);

    expect(partial).toBeLessThan(320);

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
