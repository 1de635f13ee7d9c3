import { attributesOf, nanosToMs, spansOfLine } from './otlp-span.js';
import { Timeline } from './timeline.js';
import { UsageTable } from './usage-table.js';

/**
 * Totals from a trace file's spans, taken line by line: model calls by model, steps by id, retries,
 * fallbacks and 429s per second, and where each failed row's `row` span is (for its waterfall).
 */
export class TraceStats {
  readonly byModel = new UsageTable();
  readonly byStep = new UsageTable();
  readonly timeline = new Timeline();
  retries = 0;
  fallbacks = 0;
  rateLimited = 0;
  hasModelCalls = false;
  /** Byte offset of each complete line, to read a window of lines back for one row's spans. */
  lineOffsets: number[] = [];
  /** Failed rows only: their number is what the page lists; other rows are found by a scan on demand. */
  private readonly failedRowLines = new Map<string, number>();

  clear(): void {
    this.byModel.clear();
    this.byStep.clear();
    this.timeline.clear();
    this.retries = 0;
    this.fallbacks = 0;
    this.rateLimited = 0;
    this.hasModelCalls = false;
    this.lineOffsets = [];
    this.failedRowLines.clear();
  }

  rowLine(rowId: string): number | undefined {
    return this.failedRowLines.get(rowId);
  }

  takeLine(text: string, offset: number): 'ok' | 'skipped' {
    let spans: ReturnType<typeof spansOfLine>;
    try {
      spans = spansOfLine(text);
    } catch {
      return 'skipped';
    }
    const lineIndex = this.lineOffsets.length;
    this.lineOffsets.push(offset);
    for (const span of spans) {
      const attributes = attributesOf(span.attributes);
      const failed = span.status?.code === 2;
      const number = (key: string): number => {
        const value = attributes[key];
        return typeof value === 'number' ? value : 0;
      };
      if (span.name === 'row') {
        this.timeline.add(nanosToMs(span.endTimeUnixNano), 'rows');
        if (attributes['tokenflow.row.status'] === 'failed' && attributes['tokenflow.row.id'] !== undefined) {
          this.failedRowLines.set(String(attributes['tokenflow.row.id']), lineIndex);
        }
      } else if (attributes['gen_ai.operation.name'] === 'chat') {
        this.hasModelCalls = true;
        const model = String(
          attributes['gen_ai.response.model'] ?? attributes['gen_ai.request.model'] ?? 'unknown',
        );
        this.byModel.add(model, {
          calls: failed ? 0 : 1,
          failed: failed ? 1 : 0,
          inputTokens: number('gen_ai.usage.input_tokens'),
          outputTokens: number('gen_ai.usage.output_tokens'),
          thinkingTokens: number('tokenflow.usage.thinking_tokens'),
          costUsd: number('tokenflow.cost_usd'),
        });
        for (const event of span.events ?? []) {
          const time = nanosToMs(event.timeUnixNano);
          if (event.name === 'tokenflow.retry') {
            this.retries += 1;
            this.timeline.add(time, 'retries');
            const status = attributesOf(event.attributes)['http.response.status_code'];
            if (status === 429) {
              this.rateLimited += 1;
              this.timeline.add(time, 'rateLimited');
            }
          } else if (event.name === 'tokenflow.fallback') {
            this.fallbacks += 1;
            this.timeline.add(time, 'fallbacks');
          }
        }
      } else if (span.name.startsWith('step ') && attributes['tokenflow.step.id'] !== undefined) {
        // By id, not path: paths carry map indexes (summarize[3].clean), one per row and item.
        this.byStep.add(String(attributes['tokenflow.step.id']), {
          calls: failed ? 0 : 1,
          failed: failed ? 1 : 0,
          inputTokens: number('gen_ai.usage.input_tokens'),
          outputTokens: number('gen_ai.usage.output_tokens'),
          thinkingTokens: number('tokenflow.usage.thinking_tokens'),
          costUsd: number('tokenflow.cost_usd'),
        });
      }
    }
    return 'ok';
  }
}
