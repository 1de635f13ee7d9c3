import type { Attributes, AttributeValue, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** An OTLP `AnyValue` in the OTLP/JSON encoding. */
export type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: OtlpAnyValue[] } };

export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  events: { timeUnixNano: string; name: string; attributes: OtlpKeyValue[] }[];
  links: { traceId: string; spanId: string; attributes: OtlpKeyValue[] }[];
  status: { code: number; message?: string };
  droppedAttributesCount?: number;
  droppedEventsCount?: number;
}

/** One `ExportTraceServiceRequest` in the OTLP/JSON encoding (a line of a trace file). */
export interface ExportTraceServiceRequest {
  resourceSpans: {
    resource: { attributes: OtlpKeyValue[] };
    scopeSpans: { scope: { name: string; version?: string }; spans: OtlpSpan[] }[];
  }[];
}

function anyValue(value: AttributeValue | null | undefined): OtlpAnyValue {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item) => anyValue(item)) } };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: value === null || value === undefined ? '' : String(value) };
}

export function keyValues(attributes: Attributes): OtlpKeyValue[] {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ({ key, value: anyValue(value) }));
}

/** HrTime ([seconds, nanoseconds]) as OTLP/JSON's decimal string of nanoseconds since the epoch. */
function nanos([seconds, nanoseconds]: HrTime): string {
  return (BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds)).toString();
}

function otlpSpan(span: ReadableSpan): OtlpSpan {
  const context = span.spanContext();
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    ...(span.parentSpanContext ? { parentSpanId: span.parentSpanContext.spanId } : {}),
    name: span.name,
    // OTLP numbers kinds from 1 (internal); the API's SpanKind from 0.
    kind: span.kind + 1,
    startTimeUnixNano: nanos(span.startTime),
    endTimeUnixNano: nanos(span.endTime),
    attributes: keyValues(span.attributes),
    events: span.events.map((event) => ({
      timeUnixNano: nanos(event.time),
      name: event.name,
      attributes: keyValues(event.attributes ?? {}),
    })),
    links: span.links.map((link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      attributes: keyValues(link.attributes ?? {}),
    })),
    status: { code: span.status.code, ...(span.status.message ? { message: span.status.message } : {}) },
    ...(span.droppedAttributesCount > 0 ? { droppedAttributesCount: span.droppedAttributesCount } : {}),
    ...(span.droppedEventsCount > 0 ? { droppedEventsCount: span.droppedEventsCount } : {}),
  };
}

/**
 * Finished spans as one OTLP/JSON `ExportTraceServiceRequest`, grouped by resource and instrumentation
 * scope, as an OTLP/HTTP JSON exporter would send them.
 */
export function toExportTraceServiceRequest(spans: readonly ReadableSpan[]): ExportTraceServiceRequest {
  const byResource = new Map<
    object,
    { resource: ReadableSpan['resource']; scopes: Map<string, ReadableSpan[]> }
  >();
  for (const span of spans) {
    let entry = byResource.get(span.resource);
    if (!entry) {
      entry = { resource: span.resource, scopes: new Map() };
      byResource.set(span.resource, entry);
    }
    const scopeKey = `${span.instrumentationScope.name}\u0000${span.instrumentationScope.version ?? ''}`;
    const list = entry.scopes.get(scopeKey) ?? [];
    list.push(span);
    entry.scopes.set(scopeKey, list);
  }
  return {
    resourceSpans: [...byResource.values()].map(({ resource, scopes }) => ({
      resource: { attributes: keyValues(resource.attributes) },
      scopeSpans: [...scopes.values()].map((scopeSpans) => {
        const scope = (scopeSpans[0] as ReadableSpan).instrumentationScope;
        return {
          scope: { name: scope.name, ...(scope.version ? { version: scope.version } : {}) },
          spans: scopeSpans.map(otlpSpan),
        };
      }),
    })),
  };
}
