import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import {
  type AttemptAbortListener,
  type AttemptController,
  attemptControllerOf,
} from '../async/attempt-controller.js';
import type { BodyCaps, HttpAnswer } from './http-answer.js';

/** Bytes an answer may hold unread before undici is asked to stop reading its socket. */
const unreadHighWaterMark = 64 * 1024;

/**
 * One request through undici's dispatch API, and its answer: the dispatch handler, the signal's listener
 * and the {@link HttpAnswer} are one object per request. undici's request API, which this replaces, built
 * an async resource, a handler, a Node `Readable` for the body, a promise and a signal listener per
 * request (~3 KB and several ticks per answer at 256 calls in flight).
 *
 * The body is kept as undici hands it over until one way of reading it is chosen: read as text
 * (`readCappedText`, a unary answer: its chunks are decoded once, at the end, with no copy when there is
 * one), as a web stream (`webBody`: server-sent events, error bodies), or dropped (`release`). Unread, it
 * holds at most about 64 KB before undici is paused.
 *
 * The signal aborts the request at any point: before the head (the promise rejects with the signal's
 * reason, as undici's request API does) or while the body is read (the reader fails with it).
 */
export class UndiciExchange implements Dispatcher.DispatchHandler, HttpAnswer, AttemptAbortListener {
  status = 0;
  contentType = '';
  readonly hasBody = true;
  #headers: IncomingHttpHeaders = {};
  readonly #signal: AbortSignal;
  /** The controller of an attempt's signal, whose one listener this is; undefined: an EventTarget listener. */
  #attempt: AttemptController | undefined;
  #listening = false;
  #resolveHead: ((answer: HttpAnswer) => void) | undefined;
  #rejectHead: ((error: unknown) => void) | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  /** Why the exchange stopped early (an abort, a release, a network failure, the cap); `#failed` says if set. */
  #failure: unknown;
  #failed = false;
  #ended = false;
  /** The body so far, not handed to a stream yet: usually one chunk, so no array until a second comes. */
  #first: Buffer | undefined;
  #rest: Buffer[] | undefined;
  #bytes = 0;
  #caps: BodyCaps | undefined;
  #resolveText: ((text: string) => void) | undefined;
  #rejectText: ((error: unknown) => void) | undefined;
  #stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  #web: ReadableStream<Uint8Array> | undefined;

  constructor(signal: AbortSignal, resolve: (answer: HttpAnswer) => void, reject: (error: unknown) => void) {
    this.#signal = signal;
    this.#resolveHead = resolve;
    this.#rejectHead = reject;
    if (signal.aborted) {
      this.#fail(signal.reason);
      return;
    }
    const attempt = attemptControllerOf(signal);
    if (attempt?.listen(this)) this.#attempt = attempt;
    else signal.addEventListener('abort', this);
    this.#listening = true;
  }

  /** False when the signal had already aborted: there is nothing to send. */
  get open(): boolean {
    return !this.#failed;
  }

  get headers(): Readonly<Record<string, string | undefined>> {
    const flat: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(this.#headers)) flat[name] = headerText(value);
    return flat;
  }

  // --- the signal ---------------------------------------------------------------------------------------

  attemptAborted(reason: unknown): void {
    this.#listening = false;
    this.#attempt = undefined;
    this.#abort(reason);
  }

  /** The signal's 'abort' event, when it is not an attempt's own (see the constructor). */
  handleEvent(): void {
    this.#abort(this.#signal.reason);
  }

  #stopListening(): void {
    if (!this.#listening) return;
    this.#listening = false;
    if (this.#attempt !== undefined) this.#attempt.unlisten(this);
    else this.#signal.removeEventListener('abort', this);
    this.#attempt = undefined;
  }

  #abort(reason: unknown): void {
    if (this.#ended || this.#failed) return;
    this.#fail(reason);
    this.#controller?.abort(reason as Error);
  }

  // --- undici's side ------------------------------------------------------------------------------------

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // Aborted or released while undici held the request in its queue: it never goes out.
    if (this.#failed) controller.abort(this.#failure as Error);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    // A 1xx is a provisional answer; the final one follows.
    if (statusCode < 200 || this.#failed) return;
    this.status = statusCode;
    this.#headers = headers;
    this.contentType = headerText(headers['content-type']) ?? '';
    const resolve = this.#resolveHead;
    this.#resolveHead = undefined;
    this.#rejectHead = undefined;
    resolve?.(this);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    // undici hands over an empty chunk when it resumes a paused body; a reader must never see one.
    if (this.#failed || chunk.byteLength === 0) return;
    const stream = this.#stream;
    if (stream !== undefined) {
      stream.enqueue(chunk);
      if ((stream.desiredSize ?? 0) <= 0) controller.pause();
      return;
    }
    this.#keep(chunk);
    const caps = this.#caps;
    if (caps !== undefined) {
      caps.onChunk();
      if (this.#bytes > caps.maxBytes) this.#tooLarge(caps);
    } else if (this.#bytes > unreadHighWaterMark) controller.pause();
  }

  onResponseEnd(): void {
    if (this.#failed) return;
    this.#ended = true;
    this.#stopListening();
    if (this.#stream !== undefined) this.#stream.close();
    else if (this.#resolveText !== undefined) this.#finishText();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#ended || this.#failed) return;
    this.#fail(error);
  }

  // --- the reader's side --------------------------------------------------------------------------------

  readCappedText(caps: BodyCaps): Promise<string> {
    if (this.#caps !== undefined || this.#web !== undefined) {
      return Promise.reject(new Error('the answer body was already read'));
    }
    if (this.#failed) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#caps = caps;
      this.#resolveText = resolve;
      this.#rejectText = reject;
      // What arrived before reading began counts now, chunk by chunk.
      const arrived = this.#rest?.length ?? (this.#first === undefined ? 0 : 1);
      for (let chunk = 0; chunk < arrived; chunk += 1) caps.onChunk();
      if (this.#bytes > caps.maxBytes) this.#tooLarge(caps);
      else if (this.#ended) this.#finishText();
      else this.#controller?.resume();
    });
  }

  webBody(): ReadableStream<Uint8Array> {
    this.#web ??= new ReadableStream<Uint8Array>({
      start: (stream) => {
        if (this.#caps !== undefined) {
          stream.error(new Error('the answer body was already read'));
          return;
        }
        for (const chunk of this.#taken()) stream.enqueue(chunk);
        if (this.#failed) stream.error(this.#failure);
        else if (this.#ended) stream.close();
        else this.#stream = stream;
      },
      pull: () => {
        this.#controller?.resume();
      },
      cancel: (reason) => {
        this.#stream = undefined;
        this.#abort(reason instanceof Error ? reason : new Error('the answer body was cancelled'));
      },
    });
    return this.#web;
  }

  release(): void {
    if (this.#ended || this.#failed) return;
    // Nobody reads the rest: abort it, which closes its connection (a half-read answer cannot be reused).
    this.#abort(new Error('the answer was released before its body was read'));
  }

  // --- shared -------------------------------------------------------------------------------------------

  #keep(chunk: Buffer): void {
    this.#bytes += chunk.byteLength;
    if (this.#first === undefined) this.#first = chunk;
    else if (this.#rest === undefined) this.#rest = [this.#first, chunk];
    else this.#rest.push(chunk);
  }

  /** The chunks kept so far, which are forgotten here. */
  #taken(): Buffer[] {
    const chunks = this.#rest ?? (this.#first === undefined ? [] : [this.#first]);
    this.#first = undefined;
    this.#rest = undefined;
    return chunks;
  }

  #finishText(): void {
    const resolve = this.#resolveText;
    this.#resolveText = undefined;
    this.#rejectText = undefined;
    const rest = this.#rest;
    const text =
      rest !== undefined
        ? Buffer.concat(rest, this.#bytes).toString('utf8')
        : (this.#first?.toString('utf8') ?? '');
    this.#first = undefined;
    this.#rest = undefined;
    resolve?.(text);
  }

  #tooLarge(caps: BodyCaps): void {
    this.#abort(caps.tooLarge(this.#bytes));
  }

  /** Ends the exchange with `reason`: whoever waits (the head, the text, the stream) is told; once. */
  #fail(reason: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#failure = reason;
    this.#first = undefined;
    this.#rest = undefined;
    this.#stopListening();
    const rejectHead = this.#rejectHead;
    const rejectText = this.#rejectText;
    const stream = this.#stream;
    this.#resolveHead = undefined;
    this.#rejectHead = undefined;
    this.#resolveText = undefined;
    this.#rejectText = undefined;
    this.#stream = undefined;
    rejectHead?.(reason);
    rejectText?.(reason);
    stream?.error(reason);
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
