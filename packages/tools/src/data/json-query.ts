import type { ToolFactory } from '@tokenflow/core';
import { z } from 'zod';
import { defineTool, type ReadableErrorTool } from '../shared/define-tool.js';
import { describeThrown, errorResult } from '../shared/error-result.js';
import { queryJson } from './query-json.js';

/** Options for {@link jsonQuery}. */
export interface JsonQueryOptions {
  /**
   * A document to query when the model gives none: a parsed value or JSON text. With it, the model
   * only writes queries against your data.
   * @default undefined (the model passes `json`)
   * @example `jsonQuery({ document: await readFile('orders.json', 'utf8') })`
   */
  document?: unknown;
  /**
   * The longest JSON text accepted from the model, in characters.
   * @default 1_000_000
   */
  maxInputChars?: number;
  /**
   * The longest result returned, in characters; longer results are refused with advice to narrow.
   * @default 20_000
   */
  maxOutputChars?: number;
  /**
   * CPU time one query may take, in milliseconds.
   * @default 1_000
   */
  timeoutMs?: number;
}

const jsonQuerySchema = z.object({
  query: z.string().describe('A JMESPath expression, e.g. "orders[?total > `100`].id" or "length(items)".'),
  json: z
    .string()
    .optional()
    .describe('The JSON document to query, as JSON text. Leave out to query the document this tool was given.'),
});

/** The options `json_query` takes from a YAML pipeline. */
export const jsonQueryOptionsSchema = z
  .object({
    document: z.unknown().optional(),
    maxInputChars: z.number().int().min(1).max(100_000_000).optional(),
    maxOutputChars: z.number().int().min(1).max(10_000_000).optional(),
    timeoutMs: z.number().int().min(1).max(60_000).optional(),
  })
  .strict();

/**
 * `json_query`: runs a JMESPath query (the community edition: filters, projections, functions such as
 * `sort_by`, `group_by`, `sum`) over JSON the model passes as text, or over a document bound at
 * creation. Bounded in input, output and CPU time; errors name the problem and the position.
 * @example
 * await jsonQuery().invoke({ json: '{"a":[1,2,3]}', query: 'sum(a)' }); // '6'
 */
export function jsonQuery(options: JsonQueryOptions = {}): ReadableErrorTool<typeof jsonQuerySchema> {
  const maxInputChars = options.maxInputChars ?? 1_000_000;
  const maxOutputChars = options.maxOutputChars ?? 20_000;
  const timeoutMs = options.timeoutMs ?? 1_000;
  const bound = options.document === undefined ? undefined : toDocument(options.document);
  return defineTool({
    name: 'json_query',
    description:
      'Query JSON with a JMESPath expression to pick, filter, count or sort values, e.g. ' +
      '"people[?age > `30`].name", "length(items)", "sort_by(items, &price)[-1]". ' +
      (bound === undefined ? 'Pass the JSON text in "json".' : 'It queries the document it was given; leave "json" out.') +
      ' Returns the result as JSON.',
    schema: jsonQuerySchema,
    run: ({ query, json }) => {
      let data: unknown;
      if (json !== undefined) {
        if (json.length > maxInputChars) {
          return errorResult(`the JSON is ${json.length} characters; json_query accepts at most ${maxInputChars}.`);
        }
        try {
          data = JSON.parse(json);
        } catch (thrown) {
          return errorResult(`"json" is not valid JSON (${describeThrown(thrown)}); pass the document as JSON text.`);
        }
      } else if (bound !== undefined) {
        data = bound;
      } else {
        return errorResult('no document to query; pass the JSON text in "json".');
      }
      const result = queryJson(data, query, timeoutMs);
      if (!result.ok) return errorResult(`${result.reason}.`);
      const text = JSON.stringify(result.value);
      if (text.length > maxOutputChars) {
        return errorResult(
          `the result is ${text.length} characters, over the ${maxOutputChars} limit; narrow the query ` +
            '(select fewer fields, filter, or take a slice such as [:20]).',
        );
      }
      return text;
    },
  });
}

function toDocument(document: unknown): unknown {
  return typeof document === 'string' ? JSON.parse(document) : document;
}

/** Registry entry for `json_query`. */
export const jsonQueryFactory: ToolFactory<z.output<typeof jsonQueryOptionsSchema>> = {
  name: 'json_query',
  summary: 'Query JSON with JMESPath (bounded input, output and CPU time).',
  options: jsonQueryOptionsSchema,
  create: (options) => jsonQuery(options),
};
