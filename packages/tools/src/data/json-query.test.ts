import { describe, expect, it } from 'vitest';
import { jsonQuery } from './json-query.js';
import { queryJson } from './query-json.js';

// Queries run under a wall-clock watchdog; these ordinary ones get the largest limit, so a loaded machine
// cannot stop them.
const timeoutMs = 60_000;

const orders = JSON.stringify({
  orders: [
    { id: 'a1', total: 120, customer: 'Ada' },
    { id: 'b2', total: 40, customer: 'Grace' },
    { id: 'c3', total: 300, customer: 'Ada' },
  ],
});

describe('json_query', () => {
  it('filters, projects and aggregates with JMESPath', async () => {
    const tool = jsonQuery({ timeoutMs });
    expect(await tool.invoke({ json: orders, query: 'orders[?total > `100`].id' })).toBe('["a1","c3"]');
    expect(await tool.invoke({ json: orders, query: 'sum(orders[].total)' })).toBe('460');
    expect(await tool.invoke({ json: orders, query: 'sort_by(orders, &total)[-1].customer' })).toBe('"Ada"');
    expect(await tool.invoke({ json: orders, query: 'missing' })).toBe('null');
  });

  it('queries a document bound at creation, given as an object or as JSON text', async () => {
    expect(await jsonQuery({ document: JSON.parse(orders), timeoutMs }).invoke({ query: 'length(orders)' })).toBe('3');
    expect(await jsonQuery({ document: orders, timeoutMs }).invoke({ query: 'orders[0].id' })).toBe('"a1"');
  });

  it('answers bad JSON, bad queries and missing documents with readable errors', async () => {
    const tool = jsonQuery({ timeoutMs });
    expect(await tool.invoke({ json: '{"a":', query: 'a' })).toMatch(/^Error: "json" is not valid JSON \(.+\); pass the document as JSON text\.$/);
    expect(await tool.invoke({ json: orders, query: 'orders[' })).toMatch(/^Error: the query "orders\[" is not valid JMESPath: /);
    expect(await tool.invoke({ json: orders, query: 'nope(orders)' })).toBe(
      'Error: the query "nope(orders)" failed: Unknown function: nope().',
    );
    expect(await tool.invoke({ query: 'a' })).toBe('Error: no document to query; pass the JSON text in "json".');
  });

  it('refuses string builders and oversized inputs and results', async () => {
    expect(await jsonQuery({ timeoutMs }).invoke({ json: '{}', query: "pad_left('', `300000000`)" })).toBe(
      "Error: the query \"pad_left('', `300000000`)\" uses pad_left(), which is disabled here; write it without that function.",
    );
    expect(await jsonQuery({ maxInputChars: 10, timeoutMs }).invoke({ json: orders, query: 'a' })).toBe(
      `Error: the JSON is ${orders.length} characters; json_query accepts at most 10.`,
    );
    expect(await jsonQuery({ maxOutputChars: 10, timeoutMs }).invoke({ json: orders, query: 'orders' })).toMatch(
      /^Error: the result is \d+ characters, over the 10 limit; narrow the query/,
    );
  });
});

describe('queryJson', () => {
  it('queries a parsed value directly, for code', () => {
    expect(queryJson({ orders: [{ total: 5 }, { total: 7 }] }, 'sum(orders[].total)', timeoutMs)).toEqual({ ok: true, value: 12 });
    expect(queryJson({}, 'orders[', timeoutMs)).toMatchObject({ ok: false, reason: expect.stringContaining('is not valid JMESPath') });
  });
});
