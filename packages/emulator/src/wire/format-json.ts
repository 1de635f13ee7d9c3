/**
 * The two JSON spellings the real API uses on the wire.
 *
 * Unary bodies and error bodies are pretty-printed with a 2-space indent and end with a newline.
 * SSE `data:` lines hold one-line JSON with `": "` after keys and a bare `,` between members
 * (`{"candidates": [{"content": {"parts": ...`), byte-checked against recorded traffic.
 */

/** Pretty 2-space JSON followed by a newline, as unary responses and error bodies are sent. */
export function formatPrettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One-line JSON in the spacing of real SSE events: `"key": value`, members joined by `,`. */
export function formatStreamJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => formatStreamJson(item === undefined ? null : item)).join(',')}]`;
  }
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}: ${formatStreamJson(member)}`);
  }
  return `{${members.join(',')}}`;
}

/** One SSE event: `data: <one-line JSON>\r\n\r\n`, nothing else. */
export function formatSseEvent(value: unknown): string {
  return `data: ${formatStreamJson(value)}\r\n\r\n`;
}
