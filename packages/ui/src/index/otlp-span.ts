/** One attribute value as OTLP/JSON encodes it. */
export interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpValue[] };
}

export interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}

/** A span of a trace file line (see core's telemetry README for the format). */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: OtlpAttribute[];
  events?: { timeUnixNano: string; name: string; attributes?: OtlpAttribute[] }[];
  status?: { code?: number; message?: string };
}

/** The spans of one trace file line (one ExportTraceServiceRequest); throws on a line of another shape. */
export function spansOfLine(text: string): OtlpSpan[] {
  const request = JSON.parse(text) as { resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[] };
  if (!Array.isArray(request.resourceSpans)) throw new TypeError('not an ExportTraceServiceRequest');
  const spans: OtlpSpan[] = [];
  for (const resource of request.resourceSpans) {
    for (const scope of resource.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        if (typeof span.spanId !== 'string' || typeof span.name !== 'string') {
          throw new TypeError('a span without spanId or name');
        }
        spans.push(span);
      }
    }
  }
  return spans;
}

/** The plain value of an attribute (`intValue` as a number), or undefined. */
export function plainValue(value: OtlpValue | undefined): string | number | boolean | unknown[] | undefined {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plainValue);
  return undefined;
}

/** Attributes as a plain object. */
export function attributesOf(
  attributes: readonly OtlpAttribute[] | undefined,
): Record<string, string | number | boolean | unknown[] | undefined> {
  const result: Record<string, string | number | boolean | unknown[] | undefined> = {};
  for (const attribute of attributes ?? []) result[attribute.key] = plainValue(attribute.value);
  return result;
}

/** Nanoseconds since the epoch (a decimal string) as milliseconds. */
export function nanosToMs(nanos: string | undefined): number {
  if (!nanos) return 0;
  // Milliseconds fit a double exactly; the nanosecond string does not, so cut it first.
  return nanos.length > 6 ? Number(nanos.slice(0, -6)) + Number(nanos.slice(-6)) / 1e6 : Number(nanos) / 1e6;
}
