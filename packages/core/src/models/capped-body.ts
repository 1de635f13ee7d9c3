import type { BodyCaps } from './http-answer.js';

/**
 * A response body that reports each chunk (`onChunk`, e.g. to feed a watchdog) and stops at `maxBytes`:
 * past the cap the source is cancelled (the connection is released, the rest never read) and the stream
 * errors with `tooLarge(total)`.
 */
export function cappedBody(body: ReadableStream<Uint8Array>, options: BodyCaps): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let total = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      options.onChunk();
      total += value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        controller.error(options.tooLarge(total));
        return;
      }
      controller.enqueue(value);
    },
    async cancel(reason) {
      await reader.cancel(reason).catch(() => undefined);
    },
  });
}

/**
 * The whole of `body` as UTF-8 text under the same cap and per-chunk report as {@link cappedBody}, read
 * straight from the source: a unary answer needs no second stream (each one costs a transferable object).
 */
export async function readCappedText(body: ReadableStream<Uint8Array>, options: BodyCaps): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    options.onChunk();
    total += value.byteLength;
    if (total > options.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw options.tooLarge(total);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** The whole stream as UTF-8 text. */
export async function readText(body: ReadableStream<Uint8Array>): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * At most `maxBytes` of the stream as UTF-8 text (an error body: enough to classify it), and whether it
 * was cut; the rest is cancelled, never read. Failures while reading end the text where it got to.
 */
export async function readTextUpTo(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<{ text: string; cut: boolean }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode(), cut: false };
      const room = maxBytes - total;
      total += value.byteLength;
      if (value.byteLength > room) {
        text += decoder.decode(value.subarray(0, Math.max(0, room)));
        await reader.cancel().catch(() => undefined);
        return { text, cut: total > maxBytes };
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { text: text + decoder.decode(), cut: false };
  }
}
