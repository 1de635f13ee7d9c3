import { invalidArgumentError, modelNotFoundError } from '../wire/standard-errors.js';
import { emulatedModels, findEmulatedModel, toModelResource } from './model-seam.js';
import type { RequestContext } from './request-context.js';

function encodePageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodePageToken(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** `GET /v1beta/models?pageSize=&pageToken=`: the five models, paged (default 50, at most 1000). */
export function handleListModels(context: RequestContext): void {
  const sizeText = context.query.get('pageSize');
  let pageSize = 50;
  if (sizeText !== null) {
    const parsed = Number(sizeText);
    if (!Number.isInteger(parsed) || parsed < 0) {
      context.error(
        invalidArgumentError(`Invalid value at 'page_size' (TYPE_INT32), "${sizeText}"`, [
          { field: 'page_size', description: `Invalid value at 'page_size' (TYPE_INT32), "${sizeText}"` },
        ]),
      );
      return;
    }
    pageSize = parsed === 0 ? 50 : Math.min(parsed, 1000);
  }
  const token = context.query.get('pageToken');
  let offset = 0;
  if (token !== null && token !== '') {
    const decoded = decodePageToken(token);
    if (decoded === undefined || decoded > emulatedModels.length) {
      context.error(
        invalidArgumentError('Invalid page token.', [
          { field: 'page_token', description: 'Invalid page token.' },
        ]),
      );
      return;
    }
    offset = decoded;
  }
  const page = emulatedModels.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = { models: page.map((model) => toModelResource(model)) };
  if (offset + pageSize < emulatedModels.length) body.nextPageToken = encodePageToken(offset + pageSize);
  context.json(200, body);
}

/** `GET /v1beta/models/{model}`: one model resource, or the real 404. */
export function handleGetModel(context: RequestContext, modelId: string, apiVersion: string): void {
  const id = modelId.startsWith('models/') ? modelId.slice('models/'.length) : modelId;
  const model = findEmulatedModel(id);
  if (model === undefined) {
    context.error(modelNotFoundError(id, 'get', apiVersion));
    return;
  }
  context.json(200, toModelResource(model));
}
