import { resolve } from 'node:path';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import type { TelemetryOptions } from '@tokenflow/core';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';
import { JsonlTraceExporter } from './jsonl-trace-exporter.js';

/** What `tokenflow run` was asked to do with the run's spans. */
export interface TraceFlags {
  /** `--trace` alone (`true`): `<output>.trace.jsonl`; `--trace <file>`: that file. */
  trace?: string | boolean;
  /** `--trace-content`: record prompts, answers and tool arguments/results on spans. */
  traceContent?: boolean;
}

/** The run's tracer and where its spans go; `close()` flushes and says what could not be sent. */
export interface RunTracing {
  telemetry: TelemetryOptions;
  /** The trace file, when one is written. */
  file: string | undefined;
  /** The OTLP/HTTP endpoint spans are sent to, when one is set. */
  endpoint: string | undefined;
  close(): Promise<string[]>;
}

/** The standard OTLP trace endpoint: the traces variable as is, else the base endpoint plus `/v1/traces`. */
export function otlpTracesEndpoint(env: CliIo['env']): string | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!base) return undefined;
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

/** `OTEL_EXPORTER_OTLP_HEADERS` (and the traces one, which wins): `key=value,key2=value2`, URL-encoded. */
export function otlpHeaders(env: CliIo['env']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const raw of [env.OTEL_EXPORTER_OTLP_HEADERS, env.OTEL_EXPORTER_OTLP_TRACES_HEADERS]) {
    for (const pair of (raw ?? '').split(',')) {
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      try {
        headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
      } catch {
        throw new UsageError(
          'OTEL_EXPORTER_OTLP_HEADERS has a header that is not URL-encoded correctly; expected key=value pairs separated by commas, with % escapes only as %XX.',
        );
      }
    }
  }
  return headers;
}

/** The endpoint as it may be printed: no user name or password. */
function withoutCredentials(endpoint: string | undefined): string {
  try {
    const url = new URL(endpoint ?? '');
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(an endpoint that is not a URL)';
  }
}

/** Counts spans an exporter could not deliver, so the run can say so instead of dropping them silently. */
class CountingExporter implements SpanExporter {
  failed = 0;
  lastError: Error | undefined;
  constructor(readonly inner: SpanExporter) {}
  export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]): void {
    this.inner.export(spans, (result) => {
      if (result.code !== 0) {
        this.failed += spans.length;
        this.lastError = result.error;
      }
      done(result);
    });
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

function collectorExporter(env: CliIo['env'], url: string): SpanExporter {
  const protocol = (
    env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ??
    env.OTEL_EXPORTER_OTLP_PROTOCOL ??
    'http/protobuf'
  ).trim();
  const config = { url, headers: otlpHeaders(env) };
  if (protocol === 'http/json') return new OtlpJsonExporter(config);
  if (protocol === 'http/protobuf') return new OtlpProtobufExporter(config);
  throw new UsageError(
    `OTEL_EXPORTER_OTLP_PROTOCOL is "${protocol}"; tokenflow sends traces over OTLP/HTTP only: set it to http/protobuf (the default) or http/json.`,
  );
}

/**
 * A batch processor drops spans once its queue is full (2048 by default), and a fast run of small rows
 * ends spans faster than that: a bigger queue and a flush every second keep every row's spans.
 */
const queueSettings = { maxQueueSize: 65_536, maxExportBatchSize: 1024, scheduledDelayMillis: 1000 };

/**
 * Sets up the run's tracing from `--trace`, `--trace-content` and the standard `OTEL_EXPORTER_OTLP_*`
 * variables; undefined when the run is not traced. Spans go through a batch processor to the trace file
 * (OTLP/JSON lines) and/or an OTLP/HTTP collector. The provider is private to the run: nothing is
 * registered globally.
 */
export function startRunTracing(io: CliIo, flags: TraceFlags, output: string): RunTracing | undefined {
  const file =
    flags.trace === true
      ? `${output}.trace.jsonl`
      : typeof flags.trace === 'string'
        ? resolve(io.cwd, flags.trace)
        : undefined;
  const endpoint = otlpTracesEndpoint(io.env);
  if (file === undefined && endpoint === undefined) return undefined;
  const fileExporter = file === undefined ? undefined : new CountingExporter(new JsonlTraceExporter(file));
  const sendExporter =
    endpoint === undefined ? undefined : new CountingExporter(collectorExporter(io.env, endpoint));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': io.env.OTEL_SERVICE_NAME?.trim() || 'tokenflow' }),
    spanProcessors: [fileExporter, sendExporter]
      .filter((exporter) => exporter !== undefined)
      .map((exporter) => new BatchSpanProcessor(exporter, queueSettings)),
  });
  return {
    telemetry: { tracer: provider.getTracer('@tokenflow/core'), recordContent: flags.traceContent === true },
    file,
    endpoint,
    async close() {
      await provider.shutdown();
      const problems: string[] = [];
      if (fileExporter && fileExporter.failed > 0) {
        problems.push(
          `could not write ${fileExporter.failed} spans to the trace file ${file} (${fileExporter.lastError?.message ?? 'unknown error'})`,
        );
      }
      if (sendExporter && sendExporter.failed > 0) {
        problems.push(
          `could not send ${sendExporter.failed} spans to the OTLP endpoint ${withoutCredentials(endpoint)} (${sendExporter.lastError?.message ?? 'unknown error'}); check OTEL_EXPORTER_OTLP_ENDPOINT and that the collector is running`,
        );
      }
      return problems;
    },
  };
}
