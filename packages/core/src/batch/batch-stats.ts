import type { ServedCall } from '../gateway/gateway-events.js';
import { addUsage, emptyUsage, type TokenUsage } from '../models/token-usage.js';
import type { BatchProgress } from './batch-events.js';
import { roundUsd } from './batch-row-meta.js';
import type { BatchModelUsage } from './batch-summary.js';
import { LatencyHistogram } from './latency-histogram.js';

/** The running totals behind progress events and the summary, in constant memory. */
export class BatchStats {
  done = 0;
  failed = 0;
  skipped = 0;
  cancelled = 0;
  total: number | undefined;
  costUsd = 0;
  retries = 0;
  fallbacks = 0;
  usage: TokenUsage = { ...emptyUsage };
  readonly models: Record<string, BatchModelUsage> = {};
  readonly latency = new LatencyHistogram();

  addCalls(calls: readonly ServedCall[]): void {
    for (const call of calls) {
      const model = this.models[call.model] ?? { calls: 0, usage: { ...emptyUsage }, costUsd: 0 };
      this.models[call.model] = model;
      model.calls += 1;
      model.usage = addUsage(model.usage, call.usage);
      model.costUsd += call.costUsd;
      this.usage = addUsage(this.usage, call.usage);
      this.costUsd += call.costUsd;
      const tried = Math.max(1, call.modelsTried.length);
      this.retries += Math.max(0, call.attempts - tried);
      this.fallbacks += tried - 1;
    }
  }

  progress(): BatchProgress {
    return {
      done: this.done,
      failed: this.failed,
      skipped: this.skipped,
      total: this.total,
      // Progress events go to JSON output (--json) too: rounded like row lines and the summary.
      costUsd: roundUsd(this.costUsd),
      retries: this.retries,
      fallbacks: this.fallbacks,
    };
  }
}
