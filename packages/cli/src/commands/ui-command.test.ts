import { mkdtempSync } from 'node:fs';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io.js';
import { main } from '../main.js';
import { launchChromium } from '../test-support/launch-chromium.js';
import { writeTickets } from '../test-support/write-tickets.js';

const pipeline = new URL('../test-support/fixtures/triage.yaml', import.meta.url).pathname;
// The README's screenshots are retaken only on request (UPDATE_SCREENSHOTS=1), so a test run leaves the
// tracked files as they were; otherwise they go to a temporary folder and are still taken (and so tested).
const screenshots =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? new URL('../../../../docs/screenshots/', import.meta.url).pathname
    : mkdtempSync(join(tmpdir(), 'tokenflow-ui-screenshots-'));
const apiKey = 'ui-test-key-7c21';

interface CliSummary {
  rows: { total: number; done: number; failed: number; skipped: number; finished: number };
  models: Record<
    string,
    { calls: number; usage: { inputTokens: number; outputTokens: number }; costUsd: number }
  >;
  costUsd: number;
  retries: number;
  fallbacks: number;
}

/** Runs `tokenflow <args>` in-process; `onInterrupt` listeners are kept so a server can be stopped. */
async function tokenflow(args: string[], env: Record<string, string>, cwd: string) {
  let stdout = '';
  let stderr = '';
  const interrupts: (() => void)[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    cwd,
    onInterrupt: (listener) => interrupts.push(listener),
  };
  const code = await main(['node', 'tokenflow', ...args], io);
  const stop = (): void => {
    for (const listener of interrupts) listener();
  };
  return { code, stdout, stderr, stop };
}

function rateLimited(model: string) {
  return {
    status: 429,
    body: {
      error: {
        code: 429,
        message: `You exceeded your current quota.\n* Quota exceeded for metric: generate_content_paid_tier_requests, limit: 1000, model: ${model}\nPlease retry in 0.05s.`,
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.05s' }],
      },
    },
  };
}

const usd = (value: number): string => `$${value.toFixed(4)}`;
const count = (value: number): string => value.toLocaleString('en-US');

async function openRun(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-testid=overview][data-indexed=true]').waitFor();
}

describe('tokenflow ui in a real browser (chromium, headless) over a real run', () => {
  let dir: string;
  let emulator: EmulatorHandle;
  let summary: CliSummary;
  let ui: Awaited<ReturnType<typeof tokenflow>>;
  let url: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenflow-ui-'));
    emulator = await startEmulator({
      apiKeys: [apiKey],
      seed: 21,
      // Blocked prompts fail rows (about 8 of 40), 503s bring retries and fallbacks, the script three 429s.
      faults: { 'gemini-2.5-pro': { errorRates: { '503': 0.2 }, rates: { promptBlocked: 0.2 } } },
      script: [{ model: 'gemini-2.5-pro', times: 3, error: rateLimited('gemini-2.5-pro') }],
    });
    const input = join(dir, 'tickets.jsonl');
    await writeTickets(input, 40);
    await mkdir(join(dir, 'runs'));
    const run = await tokenflow(
      [
        'run',
        pipeline,
        '-i',
        input,
        '-o',
        join(dir, 'runs', 'tickets.jsonl'),
        '--trace',
        '--trace-content',
        '--json',
      ],
      { TOKENOFF_API_KEY: apiKey, TOKENOFF_BASE_URL: emulator.url },
      dir,
    );
    const end = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; summary?: CliSummary })
      .find((event) => event.type === 'batch-end');
    if (!end?.summary) throw new Error(`the run printed no summary:\n${run.stderr}`);
    summary = end.summary;
    ui = await tokenflow(['ui', 'runs', '--port', '0'], {}, dir);
    url = ui.stdout.split('\n')[0] ?? '';
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    ui?.stop();
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints its loopback URL as the first stdout line', () => {
    expect(ui.code).toBe(0);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('renders the run with the numbers the CLI printed in its summary', async () => {
    // The run must have something to show in every section, or the comparisons below prove little.
    expect(summary.rows.failed).toBeGreaterThan(0);
    expect(summary.fallbacks + summary.retries).toBeGreaterThan(0);
    // The 429s are in the trace only (retry events with their status): the three the emulator sent.
    const page = await browser.context.newPage();
    await openRun(page, url);
    const text = (testId: string) => page.getByTestId(testId).first().textContent();
    expect(await text('rows-done')).toBe(count(summary.rows.done));
    expect(await text('rows-failed')).toBe(count(summary.rows.failed));
    expect(await text('rows-skipped')).toBe(count(summary.rows.skipped));
    expect(await text('rows-finished')).toBe(count(summary.rows.finished));
    expect(await page.getByText(`finished of ${count(summary.rows.total)}`).count()).toBe(1);
    expect(await text('cost')).toBe(usd(summary.costUsd));
    expect(await text('retries')).toBe(count(summary.retries));
    expect(await text('fallbacks')).toBe(count(summary.fallbacks));
    expect(await text('rate-limited')).toBe('3');
    for (const [model, figures] of Object.entries(summary.models)) {
      const row = page.locator(`[data-testid=by-model] tr[data-key="${model}"]`);
      expect(await row.locator('[data-column=calls]').textContent()).toBe(count(figures.calls));
      expect(await row.locator('[data-column=input]').textContent()).toBe(count(figures.usage.inputTokens));
      expect(await row.locator('[data-column=cost]').textContent()).toBe(usd(figures.costUsd));
    }
    expect(await page.locator('[data-testid=failed-rows] tbody tr').count()).toBe(summary.rows.failed);
    expect(await page.getByTestId('timeline').count()).toBe(1);
    await page.screenshot({ path: join(screenshots, 'ui-run.png'), fullPage: true });
    await page.close();
  });

  it('shows a failed row’s trace as a waterfall, with the reason and the recorded prompt', async () => {
    const errors = (await readFile(join(dir, 'runs', 'tickets.errors.jsonl'), 'utf8')).trim().split('\n');
    const failed = JSON.parse(errors[0] ?? '{}') as { id: string; error: { code: string } };
    const page = await browser.context.newPage();
    await openRun(page, url);
    await page.locator(`[data-testid=failed-rows] tr[data-row-id="${failed.id}"]`).click();
    const waterfall = page.getByTestId('waterfall');
    await waterfall.waitFor();
    expect(await waterfall.getAttribute('data-row')).toBe(failed.id);
    const kinds = await waterfall
      .getByTestId('span')
      .evaluateAll((spans) => spans.map((span) => span.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['step', 'chat', 'attempt']));
    expect(await waterfall.locator('[data-testid=span][data-status=error]').count()).toBeGreaterThan(0);
    // The details open on the span that failed; a chat span carries the prompt (--trace-content).
    expect(await page.getByTestId('span-details').textContent()).toContain('error');
    await waterfall.locator('[data-testid=span][data-kind=chat]').first().click();
    expect(await page.getByTestId('content-gen_ai.input.messages').textContent()).toContain(
      `(ref ${failed.id})`,
    );
    await page.screenshot({ path: join(screenshots, 'ui-trace.png'), fullPage: true });
    await page.close();
  });

  it('opens the trace of a row that did not fail by its id', async () => {
    const output = (await readFile(join(dir, 'runs', 'tickets.jsonl'), 'utf8')).trim().split('\n');
    const done = JSON.parse(output.at(-1) ?? '{}') as { id: string };
    const page = await browser.context.newPage();
    await openRun(page, url);
    await page.getByTestId('row-id').fill(done.id);
    await page.getByTestId('row-show').click();
    const waterfall = page.locator(`[data-testid=waterfall][data-row="${done.id}"]`);
    await waterfall.waitFor();
    // The row itself succeeded (attempts under it may have failed and been retried).
    expect(await waterfall.getByTestId('span').first().getAttribute('data-status')).toBe('ok');
    expect(await waterfall.locator('[data-testid=span][data-kind=chat]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('shows a run live while it is going, then its end', async () => {
    // The emulator answers five calls, then holds every answer until the test lets it go: the run is
    // caught mid-way for sure, whatever the machine's speed.
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let answered = 0;
    let reachHold = (): void => {};
    const held = new Promise<void>((resolve) => {
      reachHold = resolve;
    });
    const slow = await startEmulator({
      apiKeys: [apiKey],
      seed: 4,
      faults: { '*': { latency: { firstByteMs: 1 } } },
      sleep: async () => {
        answered += 1;
        if (answered > 5) {
          reachHold();
          await gate;
        }
      },
    });
    const live = join(dir, 'live');
    await mkdir(live);
    const input = join(live, 'tickets.jsonl');
    await writeTickets(input, 12);
    const running = tokenflow(
      ['run', pipeline, '-i', input, '-o', join(live, 'out.jsonl'), '--concurrency', '2'],
      { TOKENOFF_API_KEY: apiKey, TOKENOFF_BASE_URL: slow.url },
      dir,
    );
    // The viewer opens once the run is held mid-way (its files written, its lock taken): an explicit
    // event, so a slow start of the run cannot leave the page looking at a folder with no run yet.
    await Promise.race([
      held,
      running.then((ran) => {
        throw new Error(`the run ended (exit ${ran.code}) before it was held: ${ran.stderr}`);
      }),
    ]);
    const viewer = await tokenflow(['ui', live, '--port', '0'], {}, dir);
    try {
      const page = await browser.context.newPage();
      await page.goto(viewer.stdout.split('\n')[0] ?? '');
      // Locators wait until the page shows the text (it polls the server while the run goes).
      await page
        .getByTestId('state')
        .filter({ hasText: /^running$/ })
        .waitFor();
      await page.getByTestId('rows-done').filter({ hasText: /^5$/ }).waitFor();
      expect(await page.getByTestId('state').textContent()).toBe('running');
      expect(await page.getByTestId('rows-finished').textContent()).toBe('5');
      release();
      expect((await running).code).toBe(0);
      await page
        .getByTestId('state')
        .filter({ hasText: /^stopped$/ })
        .waitFor();
      expect(await page.getByTestId('rows-done').textContent()).toBe('12');
      await page.close();
    } finally {
      release();
      viewer.stop();
      await slow.close();
    }
  });

  it('shows the rest of a trace with torn and corrupt lines, and says how many lines it skipped', async () => {
    const damaged = join(dir, 'damaged');
    await mkdir(damaged);
    for (const name of ['tickets.jsonl', 'tickets.errors.jsonl', 'tickets.journal.jsonl']) {
      await copyFile(join(dir, 'runs', name), join(damaged, name));
    }
    const trace = await readFile(join(dir, 'runs', 'tickets.jsonl.trace.jsonl'), 'utf8');
    const lines = trace.trim().split('\n');
    // A corrupt line in the middle and a last line torn by a crash mid-write.
    lines.splice(1, 0, '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"ab"');
    await writeFile(
      join(damaged, 'tickets.jsonl.trace.jsonl'),
      `${lines.join('\n')}\n{"resourceSpans":[{"sc`,
    );
    await appendFile(join(damaged, 'tickets.journal.jsonl'), 'not json at all\n');
    const second = await tokenflow(['ui', damaged, '--port', '0'], {}, dir);
    try {
      const page = await browser.context.newPage();
      await openRun(page, second.stdout.split('\n')[0] ?? '');
      expect(await page.getByTestId('skipped-lines').textContent()).toContain(
        '1 unreadable line in the journal file, 2 unreadable lines in the trace file',
      );
      expect(await page.getByTestId('rows-done').textContent()).toBe(count(summary.rows.done));
      expect(await page.locator('[data-testid=by-model] tbody tr').count()).toBe(
        Object.keys(summary.models).length,
      );
      await page.close();
    } finally {
      second.stop();
    }
  });

  it('says when a folder has no runs and how to make one', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    const third = await tokenflow(['ui', empty, '--port', '0'], {}, dir);
    try {
      const page = await browser.context.newPage();
      await page.goto(third.stdout.split('\n')[0] ?? '');
      const message = page.getByTestId('no-runs');
      await message.waitFor();
      expect(await message.textContent()).toContain(
        'tokenflow run pipeline.yaml --input rows.jsonl --output',
      );
      await page.close();
    } finally {
      third.stop();
    }
  });

  it('exits 2 with a clear message when the port is in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = await tokenflow(['ui', 'runs', '--port', String(port)], {}, dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `Port ${port} on 127.0.0.1 is already in use by another program; pick another with --port`,
      );
      expect(result.stdout).toBe('');
    } finally {
      taken.close();
    }
  });
});
