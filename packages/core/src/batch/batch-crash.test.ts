import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJournal } from './batch-journal.js';
import type { BatchSummary } from './batch-summary.js';
import type { BatchErrorLine, BatchOutputLine } from './row-lines.js';
import { makeTempDir, readJsonl, writeJsonl } from './test-support/batch-test-files.js';
import type { CrashWorkerArguments } from './test-support/crash-worker.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..');
const worker = join(here, 'test-support', 'crash-worker.ts');

/** A small seeded generator (mulberry32), so a failing run can be repeated from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface WorkerRun {
  /** Rows the worker reported durable before it ended. */
  durable: number;
  summary: BatchSummary | undefined;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * The emulator's latency: a short real wait while open (so rows overlap when the kill lands); once
 * closed, every request waiting or still to come is held until its client goes away. Closing it before
 * the kill means a worker can finish only the rows already answered, however slow the machine is to
 * deliver the SIGKILL.
 */
function latencyGate() {
  let open = true;
  const waiting = new Set<{ timer: NodeJS.Timeout | undefined }>();
  return {
    sleep(ms: number, signal: AbortSignal): Promise<void> {
      return new Promise<void>((resolve) => {
        if (signal.aborted) {
          resolve();
          return;
        }
        const entry: { timer: NodeJS.Timeout | undefined } = { timer: undefined };
        const finish = () => {
          clearTimeout(entry.timer);
          waiting.delete(entry);
          signal.removeEventListener('abort', finish);
          resolve();
        };
        signal.addEventListener('abort', finish, { once: true });
        waiting.add(entry);
        if (open) entry.timer = setTimeout(finish, ms);
      });
    },
    open() {
      open = true;
    },
    close() {
      open = false;
      for (const entry of waiting) clearTimeout(entry.timer);
    },
  };
}

const gate = latencyGate();

/** Runs the worker; kills it with SIGKILL once `killAfter` rows are durable (never, if undefined). */
function runWorker(args: CrashWorkerArguments, killAfter: number | undefined): Promise<WorkerRun> {
  gate.open();
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', worker, JSON.stringify(args)], {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let durable = 0;
    let summary: BatchSummary | undefined;
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderr += text;
    });
    child.stdout?.on('data', (text: string) => {
      stdout += text;
      const lines = stdout.split('\n');
      stdout = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'row-end' || line === 'row-error') durable += 1;
        else if (line.startsWith('summary '))
          summary = JSON.parse(line.slice('summary '.length)) as BatchSummary;
      }
      if (killAfter !== undefined && durable >= killAfter && child.exitCode === null) {
        gate.close();
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ durable, summary, signal, stderr }));
  });
}

/** The row id a recorded emulator request was made for. */
function rowIdOf(body: unknown): string | undefined {
  const text = (body as { contents?: { parts?: { text?: string }[] }[] })?.contents?.[0]?.parts?.[0]?.text;
  return /^row (r\d+):/.exec(text ?? '')?.[1];
}

describe('runBatch after kill -9', () => {
  let emulator: EmulatorHandle;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    emulator = await startEmulator({
      faults: { '*': { latency: { firstByteMs: { min: 1, max: 12 } } } },
      sleep: gate.sleep,
    });
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await emulator?.close();
    await temp?.remove();
  });

  it('loses no row, duplicates none, and re-sends at most the window per crash', {
    timeout: 180_000,
  }, async () => {
    const seed = Number(process.env.BATCH_CRASH_SEED ?? Date.now() % 100_000);
    const random = seededRandom(seed);
    const rowCount = 400;
    const rows = Array.from({ length: rowCount }, (_, n) => ({ id: `r${n}`, n, text: `text of row ${n}` }));
    const args: CrashWorkerArguments = {
      input: join(temp.dir, 'rows.jsonl'),
      output: join(temp.dir, 'out.jsonl'),
      emulatorUrl: emulator.url,
      concurrency: 8,
      window: 16,
    };
    await writeJsonl(args.input, rows);
    const journalPath = join(temp.dir, 'out.journal.jsonl');

    const crashes: { killAfter: number; finishedBefore: Set<number>; firstRequest: number }[] = [];
    let durableSoFar = 0;
    for (let attempt = 0; attempt < 6; attempt++) {
      const remaining = rowCount - durableSoFar;
      const killAfter = 1 + Math.floor(random() * Math.max(1, remaining * 0.25));
      const firstRequest = emulator.requests.length;
      const run = await runWorker(args, killAfter);
      expect(run.signal, `seed ${seed}: the worker should have been killed\n${run.stderr}`).toBe('SIGKILL');
      const journal = await loadJournal(journalPath);
      const finished = new Set<number>();
      for (let index = 0; index < rowCount; index++) if (journal?.finished.has(index)) finished.add(index);
      // Everything reported durable before the kill is in the journal.
      expect(finished.size).toBeGreaterThanOrEqual(durableSoFar + run.durable);
      durableSoFar = finished.size;
      crashes.push({ killAfter, finishedBefore: finished, firstRequest });
    }

    const resumeStart = emulator.requests.length;
    const last = await runWorker(args, undefined);
    expect(last.summary, `seed ${seed}: ${last.stderr}`).toBeDefined();
    expect(last.summary?.stopReason).toBe('completed');
    expect(last.summary?.repaired).toBeDefined();

    const done = await readJsonl<BatchOutputLine>(args.output);
    const failed = await readJsonl<BatchErrorLine>(join(temp.dir, 'out.errors.jsonl'));
    const ids = [...done, ...failed].map((line) => String(line.id));
    expect(ids.length, `seed ${seed}: rows written`).toBe(rowCount);
    expect(new Set(ids).size, `seed ${seed}: distinct rows written`).toBe(rowCount);
    expect(failed.every((line) => line.error.code === 'test-rejected')).toBe(true);
    expect(failed.length).toBe(rows.filter((row) => row.n % 37 === 5).length);

    // Count the calls the emulator received per row.
    const sends = new Map<string, number>();
    for (const request of emulator.requests) {
      const id = rowIdOf(request.body);
      if (id) sends.set(id, (sends.get(id) ?? 0) + 1);
    }
    expect(sends.size).toBe(rowCount);
    const resent = [...sends.values()].reduce((sum, count) => sum + count - 1, 0);
    expect(resent, `seed ${seed}: re-sent calls`).toBeLessThanOrEqual(crashes.length * args.window);

    // Per crash: the run after it sends again at most the window (rows started and not committed).
    const segments = [...crashes.map((crash) => crash.firstRequest), resumeStart, emulator.requests.length];
    const sentBefore = new Set<string>();
    for (let run = 0; run < segments.length - 1; run++) {
      const ids = emulator.requests
        .slice(segments[run], segments[run + 1])
        .map((request) => rowIdOf(request.body))
        .filter((id): id is string => id !== undefined);
      const again = ids.filter((id) => sentBefore.has(id)).length;
      expect(again, `seed ${seed}: rows re-sent by run ${run + 1}`).toBeLessThanOrEqual(args.window);
      for (const id of ids) sentBefore.add(id);
    }

    // No row that was durable at a crash was sent again by a later run.
    const runStarts = [...crashes.slice(1).map((crash) => crash.firstRequest), resumeStart];
    crashes.forEach((crash, position) => {
      const later = emulator.requests.slice(runStarts[position]);
      const resentFinished = later.filter((request) => {
        const id = rowIdOf(request.body);
        return id !== undefined && crash.finishedBefore.has(Number(id.slice(1)));
      });
      expect(resentFinished, `seed ${seed}: finished rows sent again after crash ${position + 1}`).toEqual(
        [],
      );
    });
  });
});
