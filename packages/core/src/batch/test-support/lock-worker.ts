/**
 * A child process of the lock race test. It answers the parent's messages: `try` takes the lock at
 * `path` and answers whether it won (and the error code if not); `release` lets go of a lock it holds.
 */
import { acquireBatchLock, type BatchLock } from '../batch-lock.js';

export type LockWorkerRequest = { type: 'try'; path: string } | { type: 'release' };
export type LockWorkerReply =
  | { type: 'ready' }
  | { type: 'result'; won: boolean; code?: string }
  | { type: 'released' };

const reply = (message: LockWorkerReply) => process.send?.(message);
let held: BatchLock | undefined;

process.on('message', async (request: LockWorkerRequest) => {
  if (request.type === 'try') {
    try {
      held = await acquireBatchLock(request.path);
      reply({ type: 'result', won: true });
    } catch (error) {
      reply({ type: 'result', won: false, code: String((error as { code?: unknown }).code) });
    }
  } else {
    await held?.release();
    held = undefined;
    reply({ type: 'released' });
  }
});
reply({ type: 'ready' });
