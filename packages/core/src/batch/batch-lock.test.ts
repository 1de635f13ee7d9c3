import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireBatchLock } from './batch-lock.js';
import { makeTempDir } from './test-support/batch-test-files.js';
import type { LockWorkerReply, LockWorkerRequest } from './test-support/lock-worker.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let lockPath: string;
beforeEach(async () => {
  temp = await makeTempDir();
  lockPath = join(temp.dir, 'out.journal.jsonl.lock');
});
afterEach(() => temp.remove());

/** The pid of a process that has exited: what a run killed with -9 leaves in its lock. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid as number;
}

/** A child process running test-support/lock-worker.ts, with its replies queued in order. */
class LockWorker {
  readonly #child: ChildProcess;
  readonly #replies: LockWorkerReply[] = [];
  readonly #waiting: ((reply: LockWorkerReply) => void)[] = [];

  constructor() {
    const worker = join(dirname(fileURLToPath(import.meta.url)), 'test-support', 'lock-worker.ts');
    this.#child = spawn(process.execPath, ['--import', 'tsx', worker], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (reply: LockWorkerReply) => {
      const waiter = this.#waiting.shift();
      if (waiter) waiter(reply);
      else this.#replies.push(reply);
    });
  }

  send(request: LockWorkerRequest): void {
    this.#child.send(request);
  }

  next(): Promise<LockWorkerReply> {
    const queued = this.#replies.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async stop(): Promise<void> {
    const exited = once(this.#child, 'exit');
    this.#child.disconnect();
    await exited;
  }
}

describe('acquireBatchLock', () => {
  it('gives a dead run’s lock to exactly one of four processes taking it over at once, 200 times over', async () => {
    const dead = await deadPid();
    const workers = Array.from({ length: 4 }, () => new LockWorker());
    try {
      for (const worker of workers) expect(await worker.next()).toEqual({ type: 'ready' });
      for (let iteration = 0; iteration < 200; iteration++) {
        await writeFile(lockPath, `${dead}\n`);
        for (const worker of workers) worker.send({ type: 'try', path: lockPath });
        const results = await Promise.all(workers.map((worker) => worker.next()));
        const winners = workers.filter((_, index) => (results[index] as { won?: boolean }).won === true);
        expect({ iteration, winners: winners.length }).toEqual({ iteration, winners: 1 });
        for (const result of results) {
          expect(result).toMatchObject({ type: 'result' });
          if (result.type === 'result' && !result.won) expect(result.code).toBe('batch-locked');
        }
        winners[0]?.send({ type: 'release' });
        expect(await winners[0]?.next()).toEqual({ type: 'released' });
        expect(await readdir(temp.dir)).toEqual([]);
      }
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
  }, 120_000);

  it('gives a dead run’s lock to exactly one of eight runs taking it over at once, 200 times over', async () => {
    const dead = await deadPid();
    for (let iteration = 0; iteration < 200; iteration++) {
      await writeFile(lockPath, `${dead}\n`);
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => acquireBatchLock(lockPath)));
      const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const losers = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect({ iteration, winners: winners.length }).toEqual({ iteration, winners: 1 });
      for (const loser of losers) expect(loser.reason).toMatchObject({ code: 'batch-locked' });
      expect(Number.parseInt(await readFile(lockPath, 'utf8'), 10)).toBe(process.pid);
      await (
        winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireBatchLock>>>
      ).value.release();
      // No claim or temporary file is left behind.
      expect(await readdir(temp.dir)).toEqual([]);
    }
  });

  it('refuses a lock whose owner is alive, naming its pid', async () => {
    const held = await acquireBatchLock(lockPath);
    await expect(acquireBatchLock(lockPath)).rejects.toMatchObject({
      code: 'batch-locked',
      message: expect.stringContaining(`pid ${process.pid}`),
    });
    await held.release();
    await (await acquireBatchLock(lockPath)).release();
  });

  it('takes over an unreadable lock, and a claim left by a run that died while taking over', async () => {
    const dead = await deadPid();
    await writeFile(lockPath, 'not a pid');
    const first = await acquireBatchLock(lockPath);
    await first.release();
    // A run died between claiming a stale lock and replacing it: both the lock and its claim are stale.
    await writeFile(lockPath, `${dead}\n`);
    const claim = `${lockPath}.takeover-${createHash('sha256').update(`${dead}\n`).digest('hex').slice(0, 16)}`;
    await writeFile(claim, `${dead}\nclaimant-token\n`);
    const second = await acquireBatchLock(lockPath);
    expect(Number.parseInt(await readFile(lockPath, 'utf8'), 10)).toBe(process.pid);
    await second.release();
    expect(await readdir(temp.dir)).toEqual([]);
  });

  it('releases only its own lock', async () => {
    const held = await acquireBatchLock(lockPath);
    await writeFile(lockPath, '1\nsomeone else\n');
    await held.release();
    expect(await readFile(lockPath, 'utf8')).toBe('1\nsomeone else\n');
  });
});
