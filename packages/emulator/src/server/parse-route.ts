/** What a request path asks for, once the base path is taken off. */
export type Route =
  | { kind: 'list-models'; apiVersion: string }
  | { kind: 'get-model'; apiVersion: string; model: string }
  | { kind: 'model-action'; apiVersion: string; model: string; action: string }
  | { kind: 'unknown' };

const apiVersions = new Set(['v1beta', 'v1', 'v1alpha']);

/** Matches `{base}/{version}/models[/{model}[:{action}]]`; anything else is `unknown`. */
export function parseRoute(pathname: string, basePath: string): Route {
  if (basePath !== '' && pathname !== basePath && !pathname.startsWith(`${basePath}/`))
    return { kind: 'unknown' };
  const rest = pathname.slice(basePath.length);
  const segments = rest.split('/');
  // rest starts with '/', so segments[0] is ''
  if (segments[0] !== '' || segments.length < 3 || segments.length > 4) return { kind: 'unknown' };
  const [, apiVersion = '', collection, name] = segments;
  if (!apiVersions.has(apiVersion) || collection !== 'models') return { kind: 'unknown' };
  if (name === undefined) return { kind: 'list-models', apiVersion };
  let decoded: string;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    return { kind: 'unknown' };
  }
  const colon = decoded.indexOf(':');
  if (colon === -1)
    return decoded === '' ? { kind: 'unknown' } : { kind: 'get-model', apiVersion, model: decoded };
  const model = decoded.slice(0, colon);
  const action = decoded.slice(colon + 1);
  if (model === '' || action === '') return { kind: 'unknown' };
  return { kind: 'model-action', apiVersion, model, action };
}
