import { describe, expect, it } from 'vitest';
import { formatPrettyJson, formatSseEvent, formatStreamJson } from './format-json.js';

describe('formatStreamJson', () => {
  it('spells JSON like recorded SSE events: ": " after keys, bare commas', () => {
    expect(
      formatStreamJson({
        candidates: [{ content: { parts: [{ text: 'Paris' }], role: 'model' }, index: 0 }],
      }),
    ).toBe('{"candidates": [{"content": {"parts": [{"text": "Paris"}],"role": "model"},"index": 0}]}');
  });

  it('escapes strings, drops undefined members and keeps empty containers', () => {
    expect(formatStreamJson({ a: 'line\nbreak "q"', b: undefined, c: {}, d: [], e: null })).toBe(
      '{"a": "line\\nbreak \\"q\\"","c": {},"d": [],"e": null}',
    );
  });

  it('parses back to the same value', () => {
    const value = { x: [1, 2.5, true, { y: 'z' }], w: { v: [] } };
    expect(JSON.parse(formatStreamJson(value))).toEqual(value);
  });
});

describe('formatSseEvent and formatPrettyJson', () => {
  it('frames one event as data: <one line> then CRLF CRLF', () => {
    expect(formatSseEvent({ a: 'b\nc' })).toBe('data: {"a": "b\\nc"}\r\n\r\n');
  });

  it('pretty-prints with 2 spaces and a final newline', () => {
    expect(formatPrettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });
});
