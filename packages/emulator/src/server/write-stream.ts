import { once } from 'node:events';
import type { FaultName } from '../faults/fault-config.js';
import { overloadedError } from '../wire/standard-errors.js';
import type { RequestContext } from './request-context.js';
import { formatStreamElement, formatStreamEnd, type StreamFraming, startStream } from './write-answer.js';

/** Resolves when the request's connection goes away (client abort, reset, or server close). */
export function untilClosed(context: RequestContext): Promise<void> {
  return context.untilClosed();
}

async function write(context: RequestContext, text: string): Promise<void> {
  if (context.closed) return;
  if (!context.response.write(text)) {
    await Promise.race([once(context.response, 'drain'), untilClosed(context)]);
  }
}

export interface StreamDelivery {
  framing: StreamFraming;
  /** A delivery fault that strikes right after the first chunk. */
  fault?: FaultName;
  /** Delay before chunk `index` (1 and up). */
  chunkDelayMs(index: number): number;
}

/**
 * Writes a 200 stream chunk by chunk, with per-chunk latency, and the delivery faults: a mid-stream
 * `{"error":...}` element then close, a reset, or a stall (no more bytes until the connection closes).
 */
export async function writeStream(
  context: RequestContext,
  chunks: readonly unknown[],
  delivery: StreamDelivery,
): Promise<void> {
  const { framing } = delivery;
  context.settle(200);
  if (context.closed) return;
  startStream(context.response, framing);
  let wroteAny = false;
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0) {
      const delay = delivery.chunkDelayMs(index);
      if (delay > 0) await context.wait(delay);
    }
    if (context.closed) return;
    await write(context, formatStreamElement(framing, chunk, !wroteAny));
    wroteAny = true;
    if (index !== 0) continue;
    if (delivery.fault === 'midStreamError') {
      await write(context, formatStreamElement(framing, overloadedError().body, false));
      context.response.end(formatStreamEnd(framing, true));
      return;
    }
    if (delivery.fault === 'resetMidBody') {
      context.request.socket.destroy();
      context.response.destroy();
      return;
    }
    if (delivery.fault === 'stall') {
      await untilClosed(context);
      return;
    }
  }
  if (!context.closed) context.response.end(formatStreamEnd(framing, wroteAny));
}
