import { emptyUsage, type TokenUsage } from '../models/token-usage.js';

/** Counts for one model, or for the whole gateway. */
export interface UsageTotals {
  /** HTTP requests sent (every attempt, failed ones too). */
  requests: number;
  /** Calls answered by a model (one per successful call; on the serving model). */
  responses: number;
  /** Requests that failed. */
  failures: number;
  /** Calls answered from the response cache (no request, no cost). */
  cachedResponses: number;
  /** Tokens billed: answered calls plus failed ones that still reported usage. */
  usage: TokenUsage;
  costUsd: number;
}

/** `gateway.usage()`: totals for the gateway (the run) and per model. */
export interface UsageSnapshot extends UsageTotals {
  models: Record<string, UsageTotals>;
  /** The budget, when one is set. */
  budget?: { maxCostUsd: number; remainingUsd: number };
}

/** Computes the USD cost of `usage` on `model`. */
export type CostFunction = (model: string, usage: TokenUsage) => number;

const noop = () => undefined;

function emptyTotals(): UsageTotals {
  return { requests: 0, responses: 0, failures: 0, cachedResponses: 0, usage: { ...emptyUsage }, costUsd: 0 };
}

/** The usage and cost meter of one gateway. */
export class UsageMeter {
  readonly #costOf: CostFunction;
  readonly #maxCostUsd: number | undefined;
  readonly #total = emptyTotals();
  readonly #models = new Map<string, UsageTotals>();
  #reservedUsd = 0;

  constructor(costOf: CostFunction, maxCostUsd?: number) {
    this.#costOf = costOf;
    this.#maxCostUsd = maxCostUsd;
  }

  /** USD spent so far. */
  get spentUsd(): number {
    return this.#total.costUsd;
  }

  /** USD set aside for attempts in flight (their estimated cost), released when they settle. */
  get reservedUsd(): number {
    return this.#reservedUsd;
  }

  /**
   * Whether the budget (if any) is used up, counting what the attempts in flight are expected to cost:
   * without that, a burst of concurrent calls admitted just under the cap would all land above it.
   */
  get budgetReached(): boolean {
    return this.#maxCostUsd !== undefined && this.#total.costUsd + this.#reservedUsd >= this.#maxCostUsd;
  }

  /**
   * Sets aside the expected cost of one attempt: its estimated input tokens, plus the average output of
   * this model's answers so far. Returns the function that releases it (call it before recording).
   */
  reserve(model: string, estimatedInputTokens: number): () => void {
    if (this.#maxCostUsd === undefined) return noop;
    const totals = this.#models.get(model);
    const averageOutput = totals && totals.responses > 0 ? totals.usage.outputTokens / totals.responses : 0;
    const estimate = this.#costOf(model, {
      inputTokens: estimatedInputTokens,
      outputTokens: Math.round(averageOutput),
      reasoningTokens: 0,
      cachedInputTokens: 0,
      totalTokens: estimatedInputTokens + Math.round(averageOutput),
    });
    this.#reservedUsd += estimate;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#reservedUsd = Math.max(0, this.#reservedUsd - estimate);
    };
  }

  get maxCostUsd(): number | undefined {
    return this.#maxCostUsd;
  }

  recordRequest(model: string): void {
    this.#total.requests += 1;
    this.#forModel(model).requests += 1;
  }

  /** A failed request; `usage` when the server billed it anyway. Returns its cost. */
  recordFailure(model: string, usage?: TokenUsage): number {
    this.#total.failures += 1;
    this.#forModel(model).failures += 1;
    return usage ? this.#add(model, usage) : 0;
  }

  /** A served call. Returns its cost. */
  recordResponse(model: string, usage: TokenUsage): number {
    this.#total.responses += 1;
    this.#forModel(model).responses += 1;
    return this.#add(model, usage);
  }

  recordCached(model: string): void {
    this.#total.cachedResponses += 1;
    this.#forModel(model).cachedResponses += 1;
  }

  snapshot(): UsageSnapshot {
    const models: Record<string, UsageTotals> = {};
    for (const [model, totals] of this.#models) models[model] = copy(totals);
    return {
      ...copy(this.#total),
      models,
      ...(this.#maxCostUsd === undefined
        ? {}
        : {
            budget: {
              maxCostUsd: this.#maxCostUsd,
              remainingUsd: Math.max(0, this.#maxCostUsd - this.#total.costUsd),
            },
          }),
    };
  }

  #add(model: string, usage: TokenUsage): number {
    const cost = this.#costOf(model, usage);
    const totals = this.#forModel(model);
    addInto(totals.usage, usage);
    totals.costUsd += cost;
    addInto(this.#total.usage, usage);
    this.#total.costUsd += cost;
    return cost;
  }

  #forModel(model: string): UsageTotals {
    let totals = this.#models.get(model);
    if (!totals) {
      totals = emptyTotals();
      this.#models.set(model, totals);
    }
    return totals;
  }
}

/** Adds `usage` to `sum` in place: the meter's sums are its own (snapshots copy them), so no new object per call. */
function addInto(sum: TokenUsage, usage: TokenUsage): void {
  sum.inputTokens += usage.inputTokens;
  sum.outputTokens += usage.outputTokens;
  sum.reasoningTokens += usage.reasoningTokens;
  sum.cachedInputTokens += usage.cachedInputTokens;
  sum.totalTokens += usage.totalTokens;
}

function copy(totals: UsageTotals): UsageTotals {
  return { ...totals, usage: { ...totals.usage } };
}
