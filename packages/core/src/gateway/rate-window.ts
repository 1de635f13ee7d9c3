import type { GatewayClock } from './gateway-clock.js';

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

/** What a window counts, shared with its reservations (which correct, cancel and move their entries). */
interface WindowBook {
  /**
   * Entries in time order, from `first` on; the slots before it are empty (their entries left the window
   * and were let go: see `RateWindow.#prune`).
   */
  readonly entries: (WindowEntry | undefined)[];
  first: number;
  tokens: number;
  readonly clock: GatewayClock;
}

/** How many pacing intervals the pace's schedule may fall behind the clock and still catch up. */
export const paceCatchUp = 2;

/** A place in the window, corrected when the real token count is known. */
export interface RateReservation {
  /** Replace the estimated input tokens with the real count from the answer's usage. */
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
 * One counted request: its place in the window and the reservation its caller holds (one object per
 * request rather than an entry plus a reservation of three closures).
 */
class WindowEntry implements RateReservation {
  /** When the entry counts from: the send, moved to the answer when it comes. */
  time: number;
  readonly sentAt: number;
  tokens: number;
  /** False once the entry left the window. */
  counted = true;
  readonly #book: WindowBook;

  constructor(book: WindowBook, time: number, tokens: number) {
    this.#book = book;
    this.time = time;
    this.sentAt = time;
    this.tokens = tokens;
  }

  correct(inputTokens: number): void {
    if (!Number.isFinite(inputTokens) || inputTokens < 0) return;
    if (this.counted) this.#book.tokens += inputTokens - this.tokens;
    this.tokens = inputTokens;
  }

  cancel(): void {
    if (!this.counted) return;
    this.counted = false;
    this.#book.tokens -= this.tokens;
    const { entries } = this.#book;
    const index = entries.lastIndexOf(this);
    if (index >= 0) entries.splice(index, 1);
  }

  answered(): void {
    const later = Math.min(this.#book.clock.now(), this.sentAt + maxArrivalLagMs);
    if (!this.counted || later <= this.time) return;
    // A later time, keeping the entries in time order (prune and RPM rely on it).
    const { entries } = this.#book;
    const index = entries.lastIndexOf(this);
    if (index < 0) return;
    this.time = later;
    // Moves toward the end over the entries sent after it (about the calls in flight): each steps back one.
    // Two splices did the same through a copy of the array's tail and an array per answer: 6.7 µs per call
    // at 256 in flight with a minute's 15,000 entries (a profile of the throughput benchmark).
    let at = index;
    for (let next = entries[at + 1]; next !== undefined && next.time <= later; next = entries[at + 1]) {
      entries[at] = next;
      at += 1;
    }
    entries[at] = this;
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
    this.#book = { entries: [], first: 0, tokens: 0, clock };
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
    return { requests: this.#book.entries.length - this.#book.first, tokens: this.#book.tokens };
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
    const { entries, first } = this.#book;
    const counted = entries.length - first;
    if (counted >= this.#rpm) {
      const oldest = entries[entries.length - this.#rpm];
      if (oldest) wait = Math.max(wait, oldest.time + rateWindowMs - now);
    }
    if (counted > 0 && this.#book.tokens + tokens > this.#tpm) {
      let freed = this.#book.tokens;
      // Find the entry whose expiry leaves room (or empties the window for an oversized request).
      for (let index = first; index < entries.length; index += 1) {
        const entry = entries[index] as WindowEntry;
        freed -= entry.tokens;
        if (freed + tokens <= this.#tpm || freed <= 0) {
          wait = Math.max(wait, entry.time + rateWindowMs - now);
          break;
        }
      }
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
    // Memory follows the requests of one minute (entries leave as the window slides).
    const entry = new WindowEntry(this.#book, time, tokens);
    this.#book.entries.push(entry);
    this.#book.tokens += tokens;
    return entry;
  }

  /**
   * Entries that left the window are passed over (`first` moves on) and their slots emptied, not cut out one
   * call at a time: cutting the front of an array copies all the rest, 44 µs per request with a minute's
   * 15,000 entries (256 calls a second). The array is compacted once at least half of it has left: amortized
   * O(1) per request.
   */
  #prune(now: number): void {
    const book = this.#book;
    const { entries } = book;
    let { first } = book;
    for (let entry = entries[first]; entry !== undefined && entry.time + rateWindowMs <= now; ) {
      book.tokens -= entry.tokens;
      entry.counted = false;
      // Let go at once: at 3,500 requests a second a minute's entries are 213,000 objects, and keeping the
      // ones that left until the next compaction held another ~15 MB (a 1M-row run's peak RSS: 214 MB).
      entries[first] = undefined;
      first += 1;
      entry = entries[first];
    }
    if (first >= compactAfter && first * 2 >= entries.length) {
      entries.splice(0, first);
      first = 0;
    }
    book.first = first;
  }
}

/** How many entries may have left the window before the array is compacted (and at least half of it). */
const compactAfter = 1_024;
