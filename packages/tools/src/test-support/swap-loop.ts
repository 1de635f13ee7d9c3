import { Worker } from 'node:worker_threads';
import { TokenflowError } from '@tokenflow/core';

/** What a {@link startSwapLoop} keeps swapping at `path`. */
export type SwapKind =
  /** `path` is a folder; it is moved aside, replaced by a symlink to `target`, then put back. */
  | 'folder-for-symlink'
  /** `path` is a regular file; it is replaced in place by a hard link to `target`, then by a plain file again. */
  | 'file-for-hard-link';

/** A running swap loop; `stop()` ends it, restores `path` and resolves with the number of swaps done. */
export interface SwapLoop {
  stop(): Promise<number>;
}

// Plain JavaScript run in a worker thread: synchronous file system calls in a tight loop, so the swaps
// run in parallel with the tool calls on the main thread, not between them. While `path` is briefly
// missing, write_file may create a folder there (it creates missing folders); such a folder is moved
// aside inside the root (to `<path>.made-by-tool-N`) so the loop can go on.
const swapScript = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { kind, path, target, stopFlag } = workerData;
const flag = new Int32Array(stopFlag);
const aside = path + '.swap-aside';
const fresh = path + '.swap-fresh';
const content = kind === 'file-for-hard-link' ? fs.readFileSync(path) : null;
let swaps = 0;
let madeByTool = 0;
function moveToolFolderAside() {
  madeByTool += 1;
  fs.renameSync(path, path + '.made-by-tool-' + madeByTool);
}
function retryAfterToolFolder(step) {
  for (;;) {
    try {
      return step();
    } catch (error) {
      if (error.code !== 'EEXIST' && error.code !== 'ENOTEMPTY') throw error;
      moveToolFolderAside();
    }
  }
}
function swapOnce() {
  if (kind === 'folder-for-symlink') {
    fs.renameSync(path, aside);
    retryAfterToolFolder(() => fs.symlinkSync(target, path));
    fs.unlinkSync(path);
    retryAfterToolFolder(() => fs.renameSync(aside, path));
  } else {
    fs.linkSync(target, fresh);
    fs.renameSync(fresh, path);
    fs.writeFileSync(fresh, content);
    fs.renameSync(fresh, path);
  }
  swaps += 1;
}
swapOnce();
parentPort.postMessage('ready');
while (Atomics.load(flag, 0) === 0) swapOnce();
parentPort.postMessage(swaps);
`;

/**
 * Starts swapping `path` as `kind` says, as fast as the machine allows, in a worker thread. Resolves once
 * the first swap is done. Tests use it to race the file tools against a changing file system; a correct
 * tool refuses what it must on every call, however the swaps and calls interleave.
 */
export async function startSwapLoop(options: {
  kind: SwapKind;
  path: string;
  target: string;
}): Promise<SwapLoop> {
  const stopFlag = new SharedArrayBuffer(4);
  const worker = new Worker(swapScript, { eval: true, workerData: { ...options, stopFlag } });
  const messages: unknown[] = [];
  let waiting: (() => void) | undefined;
  let failure: unknown;
  const wake = () => {
    waiting?.();
    waiting = undefined;
  };
  worker.on('message', (message: unknown) => {
    messages.push(message);
    wake();
  });
  worker.on('error', (error: unknown) => {
    failure = error;
    wake();
  });
  worker.on('exit', (code) => {
    failure ??= `the worker exited with code ${code}`;
    wake();
  });
  const next = async (): Promise<unknown> => {
    while (messages.length === 0) {
      if (failure !== undefined) {
        throw new TokenflowError('test_setup_failed', `the swap loop at ${options.path} failed`, {
          cause: failure,
        });
      }
      await new Promise<void>((resolve) => {
        waiting = resolve;
      });
    }
    return messages.shift();
  };
  await next();
  return {
    async stop() {
      Atomics.store(new Int32Array(stopFlag), 0, 1);
      const swaps = await next();
      await worker.terminate();
      return swaps as number;
    },
  };
}
