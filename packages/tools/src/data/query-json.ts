import { createContext, Script } from 'node:vm';
import { compile, search } from '@jmespath-community/jmespath';
import { describeThrown } from '../shared/error-result.js';

/** The result of {@link queryJson}: the value found, or why there is none. */
export type JsonQueryResult = { ok: true; value: unknown } | { ok: false; reason: string };

const maxQueryLength = 2_000;
// These build strings of any length from one number (`pad_left('', `300000000`)`).
const disabledFunctions = new Set(['pad_left', 'pad_right']);
// The search runs in a vm context so V8's watchdog can stop a runaway query.
const script = new Script('run()');
const context = createContext({ run: () => undefined as unknown });

/**
 * Runs a JMESPath query (community edition) over a value already parsed, with a CPU time limit.
 * Refuses empty, overlong or invalid queries and the string builders `pad_left`/`pad_right`; the
 * reason is a sentence for the model or a person.
 * @example
 * queryJson({ orders: [{ total: 5 }, { total: 7 }] }, 'sum(orders[].total)'); // { ok: true, value: 12 }
 */
export function queryJson(data: unknown, query: string, timeoutMs = 1_000): JsonQueryResult {
  const refusal = checkQuery(query);
  if (refusal !== undefined) return { ok: false, reason: `the query ${JSON.stringify(query)} ${refusal}` };
  try {
    context.run = () => search(data as never, query);
    return { ok: true, value: script.runInContext(context, { timeout: timeoutMs }) ?? null };
  } catch (thrown) {
    if ((thrown as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      return { ok: false, reason: `the query took more than ${timeoutMs} ms and was stopped; make it simpler` };
    }
    return { ok: false, reason: `the query ${JSON.stringify(query)} failed: ${describeThrown(thrown)}` };
  } finally {
    context.run = () => undefined;
  }
}

function checkQuery(query: string): string | undefined {
  if (query.trim() === '') return 'is empty; write a JMESPath expression such as "items[0]"';
  if (query.length > maxQueryLength) return `is ${query.length} characters; the limit is ${maxQueryLength}`;
  let ast: unknown;
  try {
    ast = compile(query);
  } catch (thrown) {
    return `is not valid JMESPath: ${describeThrown(thrown)}`;
  }
  const disabled = findFunction(ast);
  return disabled === undefined ? undefined : `uses ${disabled}, which is disabled here; write it without that function`;
}

function findFunction(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const { type, name } = node as { type?: unknown; name?: unknown };
  if (type === 'Function' && typeof name === 'string' && disabledFunctions.has(name)) return `${name}()`;
  for (const value of Object.values(node)) {
    const found = findFunction(value);
    if (found !== undefined) return found;
  }
  return undefined;
}
