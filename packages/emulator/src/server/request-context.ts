import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorAnswer } from '../wire/error-body.js';
import type { RecordedRequest } from './emulator-options.js';
import type { EmulatorState } from './emulator-state.js';
import { writeError, writeJson } from './write-answer.js';

const connectionClosed = new Error('the connection closed before the answer was complete');

function endWait(context: RequestContext): void {
  context.finishWait();
}

/** One request in flight: its parts, its record, and how to answer it exactly once. */
export class RequestContext {
  private answered = false;
  /** `alt=json` streams wrap every error body in an array (`[{"error": ...}]`), as the real API does. */
  arrayWrapErrors = false;
  /** Whether the connection went away before the answer was complete. */
  private gone = false;
  /** Made only when someone asks for {@link signal}: most requests never need one. */
  private controller: AbortController | undefined;
  /** Called once when the connection goes away: the stalls and drains waited for. */
  private goneListeners: (() => void)[] | undefined;
  /** The latency wait in progress: how to end it and its timer. */
  private endWait: (() => void) | undefined;
  private waitTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    readonly query: URLSearchParams,
    readonly record: RecordedRequest,
    readonly state: EmulatorState,
  ) {
    // Only when the connection goes away before the answer is complete: an abort builds an error
    // object, which costs real time at thousands of requests per second.
    response.on('close', () => {
      if (!response.writableFinished) this.goAway();
    });
  }

  private goAway(): void {
    if (this.gone) return;
    this.gone = true;
    this.controller?.abort(connectionClosed);
    this.finishWait();
    const listeners = this.goneListeners;
    this.goneListeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
  }

  /** Aborts when the client goes away or the server closes, for a `sleep` option's early end. */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.gone) this.controller.abort(connectionClosed);
    }
    return this.controller.signal;
  }

  get closed(): boolean {
    return this.response.destroyed || this.gone;
  }

  /** Resolves when the connection goes away (client abort, reset, or server close); at once if it has. */
  untilClosed(): Promise<void> {
    if (this.gone) return Promise.resolve();
    return new Promise((resolve) => this.whenGone(resolve));
  }

  private whenGone(listener: () => void): void {
    if (this.goneListeners === undefined) this.goneListeners = [listener];
    else this.goneListeners.push(listener);
  }

  /**
   * Waits `milliseconds` of latency, ending early when the connection goes away: with the `sleep`
   * option when one was given, else with one timer (no AbortSignal, no listener, no closure).
   */
  wait(milliseconds: number): Promise<void> {
    const sleep = this.state.settings.sleep;
    if (sleep !== undefined) return sleep(milliseconds, this.signal);
    if (this.gone) return Promise.resolve();
    if (this.endWait !== undefined) {
      // a second wait at the same time (not done today): wait on its own timer
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, milliseconds);
        this.whenGone(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return new Promise((resolve) => {
      this.endWait = resolve;
      this.waitTimer = setTimeout(endWait, milliseconds, this);
    });
  }

  /** Ends the wait in progress, if any (its timer fired, or the connection went away). */
  finishWait(): void {
    const resolve = this.endWait;
    if (resolve === undefined) return;
    this.endWait = undefined;
    if (this.waitTimer !== undefined) clearTimeout(this.waitTimer);
    this.waitTimer = undefined;
    resolve();
  }

  /** Counts the status once, in stats and in the request record. */
  settle(status: number): void {
    if (this.answered) return;
    this.answered = true;
    this.record.status = status;
    this.state.countStatus(this.record.model, status);
    this.state.announce(this.record);
  }

  json(status: number, body: unknown, headers?: Record<string, string>): void {
    this.settle(status);
    if (!this.closed) writeJson(this.response, status, body, headers);
  }

  error(answer: ErrorAnswer, arrayWrapped = this.arrayWrapErrors): void {
    this.settle(answer.status);
    if (!this.closed) writeError(this.response, answer, arrayWrapped);
  }

  /** Cuts the connection without an answer (a reset). */
  reset(): void {
    this.settle(0);
    this.request.socket.destroy();
    this.response.destroy();
  }
}
