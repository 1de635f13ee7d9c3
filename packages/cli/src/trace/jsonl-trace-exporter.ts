import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { toExportTraceServiceRequest } from './otlp-json.js';

/** `ExportResultCode` of @opentelemetry/core: 0 success, 1 failed. */
type ExportResult = { code: 0 } | { code: 1; error: Error };

/**
 * A span exporter that appends each batch of spans to a file as one line: an OTLP/JSON
 * `ExportTraceServiceRequest` (the trace file format in core's telemetry README). Writes are queued, so
 * lines never interleave; the file is opened for appending, so a resumed run adds to it.
 */
export class JsonlTraceExporter implements SpanExporter {
  readonly path: string;
  #file: Promise<FileHandle> | undefined;
  #queue: Promise<void> = Promise.resolve();
  /** Set once a write failed: the reason, for the run's closing message. */
  failure: Error | undefined;

  constructor(path: string) {
    this.path = path;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const line = `${JSON.stringify(toExportTraceServiceRequest(spans))}\n`;
    this.#queue = this.#queue
      .then(async () => {
        const file = await this.#open();
        await file.appendFile(line, 'utf8');
        resultCallback({ code: 0 });
      })
      .catch((error: unknown) => {
        this.failure = error instanceof Error ? error : new Error(String(error));
        resultCallback({ code: 1, error: this.failure });
      });
  }

  async forceFlush(): Promise<void> {
    await this.#queue;
  }

  async shutdown(): Promise<void> {
    await this.#queue;
    const opening = this.#file;
    this.#file = undefined;
    if (opening !== undefined) await (await opening).close();
  }

  #open(): Promise<FileHandle> {
    this.#file ??= mkdir(dirname(this.path), { recursive: true }).then(() => open(this.path, 'a'));
    return this.#file;
  }
}
