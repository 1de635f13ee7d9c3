import { closestMatch } from '../errors/closest-match.js';
import { TokenflowError } from '../errors/tokenflow-error.js';
import type { ModelCatalog } from './create-model-catalog.js';
import type { ModelInfo } from './model-catalog.js';

/**
 * The catalog entry for a model id (a leading `models/` is ignored). An unknown id throws a
 * `TokenflowError` with code `unknown_model` that lists the known ids and suggests the closest one.
 */
export function getModelInfo(catalog: ModelCatalog, id: string): ModelInfo {
  const key = id.replace(/^models\//, '');
  const info = Object.hasOwn(catalog, key) ? catalog[key] : undefined;
  if (info) return info;
  const known = Object.keys(catalog);
  const suggestion = closestMatch(key, known);
  throw new TokenflowError(
    'unknown_model',
    `Unknown model ${JSON.stringify(id)}${suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : '.'} Known models: ${known.join(', ')}. For a model the catalog does not list yet, add it with createModelCatalog({ ${JSON.stringify(key)}: { pricing: { inputPerMillion, outputPerMillion } } }).`,
  );
}
