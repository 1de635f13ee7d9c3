import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  internalError,
  invalidApiKeyError,
  invalidArgumentError,
  malformedJsonError,
  methodNotFoundError,
  missingApiKeyError,
  modelNotFoundError,
  payloadTooLargeError,
} from '../wire/standard-errors.js';
import type { RecordedRequest } from './emulator-options.js';
import type { EmulatorState } from './emulator-state.js';
import { handleCountTokens } from './handle-count-tokens.js';
import { type Delivery, handleGenerate } from './handle-generate.js';
import { handleGetModel, handleListModels } from './handle-models.js';
import { findEmulatedModel } from './model-seam.js';
import { parseJsonBody } from './parse-json-body.js';
import { parseRoute } from './parse-route.js';
import { readBody } from './read-body.js';
import { redactHeaders, redactQuery } from './redact-headers.js';
import { RequestContext } from './request-context.js';
import { resolveApiKey } from './resolve-api-key.js';

const modelActions = new Set([
  'generateContent',
  'streamGenerateContent',
  'countTokens',
  'embedContent',
  'batchEmbedContents',
]);

function deliveryFor(action: string, alt: string | null): Delivery | 'bad-alt' {
  if (action !== 'streamGenerateContent') return { stream: false };
  if (alt === null || alt === 'sse') return { stream: true, framing: 'sse' };
  if (alt === 'json') return { stream: true, framing: 'json-array' };
  return 'bad-alt';
}

function isFormContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/x-www-form-urlencoded' || type.startsWith('multipart/');
}

async function route(context: RequestContext): Promise<void> {
  const { state, request, record } = context;
  const target = parseRoute(record.path, state.settings.basePath);
  const method = request.method ?? 'GET';
  const expectedMethod = target.kind === 'model-action' ? 'POST' : 'GET';
  if (target.kind === 'unknown' || method !== expectedMethod) {
    request.resume();
    context.error(methodNotFoundError(method, record.path));
    return;
  }
  context.arrayWrapErrors =
    target.kind === 'model-action' &&
    target.action === 'streamGenerateContent' &&
    context.query.get('alt') === 'json';
  if (target.kind !== 'list-models') record.model = target.model.replace(/^models\//, '');
  record.action =
    target.kind === 'model-action' ? target.action : target.kind === 'get-model' ? 'getModel' : 'listModels';

  let bodyBytes: Buffer | undefined;
  if (method === 'POST') {
    const body = await readBody(request, state.settings.maxBodyBytes);
    if (body.kind === 'aborted') {
      context.settle(499);
      return;
    }
    if (body.kind === 'too-large') {
      context.error(payloadTooLargeError(state.settings.maxBodyBytes));
      return;
    }
    bodyBytes = body.bytes;
  } else {
    request.resume();
  }

  const key = resolveApiKey(request, context.query);
  if (key === undefined) {
    context.error(missingApiKeyError());
    return;
  }
  record.apiKeySource = key.source;
  if (state.settings.apiKeys.size > 0 && !state.settings.apiKeys.has(key.key)) {
    context.error(invalidApiKeyError());
    return;
  }

  if (target.kind === 'list-models') {
    handleListModels(context);
    return;
  }
  if (target.kind === 'get-model') {
    handleGetModel(context, target.model, target.apiVersion);
    return;
  }
  if (!modelActions.has(target.action)) {
    context.error(methodNotFoundError(method, record.path));
    return;
  }
  const modelId = record.model ?? target.model;
  const model = findEmulatedModel(modelId);
  if (model === undefined || target.action === 'embedContent' || target.action === 'batchEmbedContents') {
    context.error(modelNotFoundError(modelId, target.action, target.apiVersion));
    return;
  }
  const delivery = deliveryFor(target.action, context.query.get('alt'));
  if (delivery === 'bad-alt') {
    const alt = context.query.get('alt') ?? '';
    context.error(
      invalidArgumentError(`Invalid value for alt: "${alt}". Expected "sse" or "json".`, [
        { field: 'alt', description: 'Expected "sse" (the default) or "json".' },
      ]),
    );
    return;
  }
  const arrayWrapped = delivery.stream && delivery.framing === 'json-array';
  if (isFormContentType(request.headers['content-type'])) {
    context.error(
      malformedJsonError(
        `Content-Type "${request.headers['content-type']}" cannot carry a GenerateContentRequest; send the body as JSON with Content-Type: application/json.`,
      ),
      arrayWrapped,
    );
    return;
  }
  const parsed = parseJsonBody(bodyBytes ?? Buffer.alloc(0), state.settings.maxJsonDepth);
  if (!parsed.ok) {
    context.error(malformedJsonError(parsed.reason), arrayWrapped);
    return;
  }
  state.recordBody(record, parsed.value, bodyBytes?.length ?? 0);
  if (target.action === 'countTokens') {
    handleCountTokens(context, model, parsed.value);
    return;
  }
  await handleGenerate(context, model, parsed.value, delivery);
}

/** Answers one HTTP request. Never throws: anything unexpected becomes a 500 and the server keeps serving. */
export async function handleRequest(
  state: EmulatorState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://emulator.invalid');
  } catch {
    url = new URL('http://emulator.invalid/');
  }
  const record: RecordedRequest = {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: redactQuery(url.searchParams),
    headers: redactHeaders(request.headers),
    body: undefined,
    time: state.settings.now(),
  };
  state.record(record);
  const context = new RequestContext(request, response, url.searchParams, record, state);
  try {
    await route(context);
  } catch (error) {
    const answer = internalError();
    answer.body.error.details = [
      {
        '@type': 'type.googleapis.com/google.rpc.DebugInfo',
        detail: `tokenflow emulator failed on this request: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
    if (!response.headersSent) context.error(answer);
    else response.destroy();
  }
}
