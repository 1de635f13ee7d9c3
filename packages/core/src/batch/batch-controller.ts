/**
 * Two-step stopping for a batch run, as a terminal's Ctrl-C expects: the first `interrupt()` (or
 * `stop()`) asks for a graceful stop, the second (or `abort()`) cancels in-flight rows now. Pass
 * `stopSignal` and `signal` to `runBatch`.
 *
 * @example
 * const controller = new BatchController();
 * process.on('SIGINT', () => controller.interrupt());
 * await runBatch({ ..., stopSignal: controller.stopSignal, signal: controller.signal });
 */
export class BatchController {
  readonly #stop = new AbortController();
  readonly #abort = new AbortController();

  /** Aborted by the first stop request: start no new rows. */
  get stopSignal(): AbortSignal {
    return this.#stop.signal;
  }

  /** Aborted by the hard abort: cancel in-flight rows. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Graceful stop: no new rows; in-flight rows finish (or are cancelled after the grace period). */
  stop(): void {
    this.#stop.abort();
  }

  /** Hard stop: cancel in-flight rows now. They are not journaled, so they run on resume. */
  abort(): void {
    this.#stop.abort();
    this.#abort.abort();
  }

  /** First call stops gracefully, the next aborts. Returns which one this call did. */
  interrupt(): 'stop' | 'abort' {
    if (!this.#stop.signal.aborted) {
      this.stop();
      return 'stop';
    }
    this.abort();
    return 'abort';
  }
}
