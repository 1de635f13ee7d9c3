import type { Agent } from 'undici';
import type { HttpAnswer, HttpRequest, HttpSend } from './http-answer.js';
import { UndiciExchange } from './undici-exchange.js';

let loading: Promise<Agent> | undefined;
/** The agent once loaded: later requests take it without awaiting (a request then leaves synchronously). */
let loaded: Agent | undefined;

/**
 * undici, loaded on the first request rather than with the module (it takes ~70 ms to load, which a
 * `tokenflow --help` should not pay), with one keep-alive agent for every model of the process.
 */
function undiciAgent(): Promise<Agent> {
  loading ??= import('undici').then((undici) => {
    // The answer watchdog enforces firstByteTimeoutMs and idleTimeoutMs; undici's own 300 s defaults would
    // cut a long thinking call whose user raised those limits.
    loaded = new undici.Agent({ headersTimeout: 0, bodyTimeout: 0 });
    return loaded;
  });
  return loading;
}

/**
 * The default {@link HttpSend}: undici's dispatch API (the HTTP client inside Node's own `fetch`) with a
 * handler of our own (see {@link UndiciExchange}), without the WHATWG layer of fetch (a Request, a
 * Response, Headers and a web stream per call, about half a millisecond of CPU per call on a 2-core
 * machine: BENCHMARKS.md section 4) nor that of undici's request API (a Node stream per answer). Redirects
 * are not followed: an API answers, and following one would carry the key's headers elsewhere.
 */
export const sendWithUndici: HttpSend = (url, request) =>
  loaded !== undefined
    ? exchange(loaded, url, request)
    : undiciAgent().then((agent) => exchange(agent, url, request));

function exchange(agent: Agent, url: string, request: HttpRequest): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const { origin, path } = targetOf(url);
    const handler = new UndiciExchange(request.signal, resolve, reject);
    if (!handler.open) return;
    agent.dispatch({ origin, path, method: 'POST', headers: request.headers, body: request.body }, handler);
  });
}

interface Target {
  origin: string;
  path: string;
}

/** A model's URLs are few and sent to again and again: each is split into origin and path once. */
const targets = new Map<string, Target>();
const mostTargets = 256;

function targetOf(url: string): Target {
  let target = targets.get(url);
  if (target === undefined) {
    const parsed = new URL(url);
    target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (targets.size >= mostTargets) targets.clear();
    targets.set(url, target);
  }
  return target;
}
