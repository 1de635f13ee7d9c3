import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorAnswer } from '../wire/error-body.js';
import type { RecordedRequest } from './emulator-options.js';
import type { EmulatorState } from './emulator-state.js';
import { writeError, writeJson } from './write-answer.js';

const connectionClosed = new Error('the connection closed before the answer was complete');

/** One request in flight: its parts, its record, and how to answer it exactly once. */
export class RequestContext {
  private answered = false;
  /** `alt=json` streams wrap every error body in an array (`[{"error": ...}]`), as the real API does. */
  arrayWrapErrors = false;
  /** Aborts when the client goes away or the server closes, so latency waits end early. */
  readonly abort = new AbortController();

  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    readonly query: URLSearchParams,
    readonly record: RecordedRequest,
    readonly state: EmulatorState,
  ) {
    // Abort only when the connection goes away before the answer is complete: an abort builds an
    // error object, which costs real time at thousands of requests per second.
    response.on('close', () => {
      if (!response.writableFinished) this.abort.abort(connectionClosed);
    });
  }

  get closed(): boolean {
    return this.response.destroyed || this.abort.signal.aborted;
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
