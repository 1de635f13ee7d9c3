import type { GatewayClock } from './gateway-clock.js';
import { SettledRequests } from './settled-requests.js';

/**
 * How long a request counts against the minute: 60 s plus a margin, because the server starts its own
 * count when the request arrives, a little after we record it (and clocks differ). Without the margin,
 * a request sent exactly one minute after the oldest one is still inside the server's window: a 429.
 */
export const rateWindowMs = 61_000;

/**
 * The longest a request is assumed to take to reach the server. The server counts a request when it
 * arrives, some time between our sending it and its answer; the window counts it from the answer, but
 * never from later than this after sending (a long generation says nothing about when the request arrived).
 * On a loaded machine, or over new connections, requests can reach the server a second or more after
 * they were sent; counting them from the send alone let the next minute's requests arrive early: 429s.
 */
export const maxArrivalLagMs = 5_000;

/**
 * What a window counts, shared with its reservations: the requests in flight (sent, not answered), in
 * the order they were sent, which is their time order, and the answered ones (see {@link SettledRequests}).
 */
interface WindowBook {
  /** The oldest request in flight; each links to the next one sent. */
  oldestPending: PendingRequest | undefined;
  newestPending: PendingRequest | undefined;
  pendingCount: number;
  readonly settled: SettledRequests;
  tokens: number;
  readonly clock: GatewayClock;
}

/** How many pacing intervals the pace's schedule may fall behind the clock and still catch up. */
export const paceCatchUp = 2;

/**
 * A place in the window, corrected when the real token count is known. `answered` and `cancel` each end
 * the reservation: a call after either does nothing.
 */
export interface RateReservation {
  /** Replace the estimated input tokens with the real count from the answer's usage (before `answered`). */
  correct(inputTokens: number): void;
  /** Takes the request out of the window: the server refused it (a 429), so it did not count there. */
  cancel(): void;
  /**
   * The answer came: the server counted the request by now. It counts from now (at most
   * `maxArrivalLagMs` after it was sent), which is never earlier than the server's own count.
   */
  answered(): void;
}

/**
 * One request in flight: its place in the window and the reservation its caller holds (one object per
 * request rather than an entry plus a reservation of three closures). Answered, it leaves this list for
 * the settled ring, where it is two numbers.
 */
class PendingRequest implements RateReservation {
  readonly sentAt: number;
  tokens: number;
  /** Undefined once the reservation ended (answered, cancelled, or in flight for longer than the window). */
  book: WindowBook | undefined;
  older: PendingRequest | undefined;
  newer: PendingRequest | undefined;

  constructor(book: WindowBook, sentAt: number, tokens: number) {
    this.book = book;
    this.sentAt = sentAt;
    this.tokens = tokens;
    this.older = book.newestPending;
    if (book.newestPending) book.newestPending.newer = this;
    else book.oldestPending = this;
    book.newestPending = this;
    book.pendingCount += 1;
    book.tokens += tokens;
  }

  correct(inputTokens: number): void {
    if (!Number.isFinite(inputTokens) || inputTokens < 0 || this.book === undefined) return;
    this.book.tokens += inputTokens - this.tokens;
    this.tokens = inputTokens;
  }

  cancel(): void {
    this.leaveWindow();
  }

  /** Leaves the window uncounted: refused by the server, or in flight for longer than the window. */
  leaveWindow(): void {
    const book = this.leave();
    if (book) book.tokens -= this.tokens;
  }

  answered(): void {
    const book = this.leave();
    if (book)
      book.settled.add(
        Math.max(this.sentAt, Math.min(book.clock.now(), this.sentAt + maxArrivalLagMs)),
        this.tokens,
      );
  }

  /** Takes the request off the list of those in flight; returns its book, undefined if it had left already. */
  leave(): WindowBook | undefined {
    const book = this.book;
    if (book === undefined) return undefined;
    this.book = undefined;
    if (this.older) this.older.newer = this.newer;
    else book.oldestPending = this.newer;
    if (this.newer) this.newer.older = this.older;
    else book.newestPending = this.older;
    this.older = undefined;
    this.newer = undefined;
    book.pendingCount -= 1;
    return book;
  }
}

/**
 * Sliding one-minute windows (plus a one-second margin) of requests (RPM) and input tokens (TPM) for one
 * model; a request counts from its answer (see `maxArrivalLagMs`). Admission is first
 * come, first served: a large request waiting for token room is not overtaken by small ones. A request
 * larger than the whole TPM budget is let through alone on an empty window, rather than never (the gateway
 * refuses such requests before they get here: see `oversized-request-error.ts`).
 * `holdUntil` pauses admission (after a 429 that said how long to wait); `pace` spaces admissions evenly.
 */
export class RateWindow {
  #rpm: number;
  #tpm: number;
  readonly #clock: GatewayClock;
  readonly #book: WindowBook;
  #heldUntil = 0;
  #paceMs = 0;
  /** When the pace lets the next request go: one interval after the last one's turn. */
  #paceDue = Number.NEGATIVE_INFINITY;
  #tail: Promise<unknown> = Promise.resolve();
  /** Calls in `acquire` not admitted yet: while any waits, `tryAcquire` must not overtake it. */
  #waiting = 0;

  constructor(limits: { rpm: number; tpm: number }, clock: GatewayClock) {
    this.#rpm = limits.rpm;
    this.#tpm = limits.tpm;
    this.#clock = clock;
    this.#book = {
      oldestPending: undefined,
      newestPending: undefined,
      pendingCount: 0,
      settled: new SettledRequests(),
      tokens: 0,
      clock,
    };
  }

  /** Requests per minute admitted; `Infinity` when off. */
  get rpm(): number {
    return this.#rpm;
  }

  /** Input tokens per minute admitted; `Infinity` when off. */
  get tpm(): number {
    return this.#tpm;
  }

  /**
   * Lowers the limits to what the server said its quota is (never raises them: a lower limit was chosen on
   * purpose, say to leave room for another process on the same key). The requests of the last minute are
   * already counted, even when the limits were off, so the new limit holds from now on.
   */
  lowerLimits(limits: { rpm?: number | undefined; tpm?: number | undefined }): void {
    if (limits.rpm !== undefined && limits.rpm > 0) this.#rpm = Math.min(this.#rpm, limits.rpm);
    if (limits.tpm !== undefined && limits.tpm > 0) this.#tpm = Math.min(this.#tpm, limits.tpm);
  }

  /** Requests and tokens counted in the last minute. */
  usage(): { requests: number; tokens: number } {
    this.#prune(this.#clock.now());
    return { requests: this.#counted(), tokens: this.#book.tokens };
  }

  /** Admit no request before `time` (epoch ms). Never shortens an earlier hold. */
  holdUntil(time: number): void {
    this.#heldUntil = Math.max(this.#heldUntil, time);
  }

  /**
   * Admit requests one per `intervalMs` on average from now on (0: no pacing). The lane paces itself this
   * way while its quota is unknown (see `ModelLane`). Turns follow a schedule, not the last admission: a
   * request let in late (timers fire late, more so on a loaded machine) does not push every later one back,
   * because the schedule may run up to `paceCatchUp` intervals behind the clock before it drops time. Counted
   * from each admission instead, pacing cost a 1,024-row run at 64 in flight 7.2 points of throughput
   * (88.6% of ideal against 95.8% unpaced); on the schedule, 4.4 (BENCHMARKS.md section 2).
   */
  pace(intervalMs: number): void {
    this.#paceMs = Number.isFinite(intervalMs) && intervalMs > 0 ? intervalMs : 0;
  }

  /** The spacing between admissions now, in ms (0: none). */
  get paceMs(): number {
    return this.#paceMs;
  }

  /** Wait for room for one request of `tokens` input tokens, then count it. */
  acquire(tokens: number, signal?: AbortSignal): Promise<RateReservation> {
    this.#waiting += 1;
    const turn = this.#tail.then(() => this.#admit(Math.max(0, tokens), signal));
    this.#tail = turn.then(this.#leave, this.#leave);
    return turn;
  }

  /**
   * Counts one request of `tokens` input tokens now, when it fits now and no call waits in `acquire`
   * (first come, first served); otherwise undefined and nothing is counted. What `acquire` does without a
   * promise chain, for the common case of a window with room.
   */
  tryAcquire(tokens: number): RateReservation | undefined {
    if (this.#waiting > 0) return undefined;
    const now = this.#clock.now();
    const counted = Math.max(0, tokens);
    if (this.waitFor(counted, now) > 0) return undefined;
    return this.#admitNow(now, counted);
  }

  readonly #leave = (): void => {
    this.#waiting -= 1;
  };

  /** How long until a request of `tokens` would fit; 0 when it fits now. */
  waitFor(tokens: number, now: number): number {
    this.#prune(now);
    let wait = Math.max(0, this.#heldUntil - now, this.#paceMs > 0 ? this.#paceDue - now : 0);
    const counted = this.#counted();
    if (counted >= this.#rpm) {
      // The request whose leaving makes room: the (counted - rpm + 1)-th oldest.
      const oldest = this.#timeOfOldest(counted - this.#rpm);
      wait = Math.max(wait, oldest + rateWindowMs - now);
    }
    if (counted > 0 && this.#book.tokens + tokens > this.#tpm) {
      // The request whose leaving leaves room (or empties the window for an oversized request).
      const leaves = this.#whenTokensLeave(tokens);
      wait = Math.max(wait, leaves + rateWindowMs - now);
    }
    return wait;
  }

  async #admit(tokens: number, signal?: AbortSignal): Promise<RateReservation> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.#clock.now();
      const wait = this.waitFor(tokens, now);
      if (wait <= 0) return this.#admitNow(now, tokens);
      await this.#clock.sleep(wait, signal);
    }
  }

  #admitNow(now: number, tokens: number): RateReservation {
    this.#paceDue = Math.max(this.#paceDue, now - paceCatchUp * this.#paceMs) + this.#paceMs;
    return this.#record(now, tokens);
  }

  #record(time: number, tokens: number): RateReservation {
    // Counted even with no limit: a 429 may tell the quota later, and the last minute must count against it.
    // Memory follows the requests of one minute (they leave as the window slides): 16 bytes each once answered.
    return new PendingRequest(this.#book, time, tokens);
  }

  #counted(): number {
    return this.#book.pendingCount + this.#book.settled.size;
  }

  /** When the `index`-th oldest counted request counts from (0: the oldest). */
  #timeOfOldest(index: number): number {
    let passed = 0;
    return this.#oldestFirst(() => passed++ === index);
  }

  /** When a request of `tokens` fits: the time of the request whose leaving makes room (oldest first). */
  #whenTokensLeave(tokens: number): number {
    let freed = this.#book.tokens;
    return this.#oldestFirst((leaving) => {
      freed -= leaving;
      return freed + tokens <= this.#tpm || freed <= 0;
    });
  }

  /**
   * Goes through the counted requests oldest first, the answered ones and those in flight together in time
   * order, telling `stopAt` each one's tokens until it says stop; returns when that request counts from
   * (-Infinity when it never said stop).
   */
  #oldestFirst(stopAt: (tokens: number) => boolean): number {
    const { settled } = this.#book;
    let inSettled = 0;
    let pending = this.#book.oldestPending;
    for (;;) {
      const settledTime = inSettled < settled.size ? settled.timeAt(inSettled) : Number.POSITIVE_INFINITY;
      if (pending !== undefined && pending.sentAt < settledTime) {
        if (stopAt(pending.tokens)) return pending.sentAt;
        pending = pending.newer;
      } else if (inSettled < settled.size) {
        if (stopAt(settled.tokensAt(inSettled))) return settledTime;
        inSettled += 1;
      } else {
        return Number.NEGATIVE_INFINITY;
      }
    }
  }

  /** Requests that count from a minute ago or earlier leave the window: answered ones and those still in flight. */
  #prune(now: number): void {
    const book = this.#book;
    const { settled } = book;
    while (settled.size > 0 && settled.timeAt(0) + rateWindowMs <= now) book.tokens -= settled.dropOldest();
    for (
      let pending = book.oldestPending;
      pending && pending.sentAt + rateWindowMs <= now;
      pending = book.oldestPending
    ) {
      pending.leaveWindow();
    }
  }
}
