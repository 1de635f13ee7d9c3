import { drawFaults, type FaultDraw } from '../faults/draw-faults.js';
import { applyAnswerFault } from '../faults/fault-answer.js';
import type { FaultName } from '../faults/fault-config.js';
import type { ScriptEntry } from '../script/script-entry.js';
import { buildStreamChunks } from '../wire/build-stream-chunks.js';
import { buildUnaryResponse } from '../wire/build-unary-response.js';
import { formatPrettyJson } from '../wire/format-json.js';
import { resourceExhaustedError } from '../wire/quota-errors.js';
import type { ResponsePlan } from '../wire/response-plan.js';
import {
  cachedContentNotFoundError,
  invalidArgumentError,
  overloadedError,
  serverErrorForStatus,
} from '../wire/standard-errors.js';
import type { GenerateContentRequest } from '../wire/types.js';
import { answerNormalizedRequest, checkGenerateContentRequest, type EmulatedModel } from './model-seam.js';
import type { RequestContext } from './request-context.js';
import { reasonPhrase, type StreamFraming } from './write-answer.js';
import { untilClosed, writeStream } from './write-stream.js';

/** How the answer goes out: unary JSON, or a stream in one of its two framings. */
export type Delivery = { stream: false } | { stream: true; framing: StreamFraming };

const answerFaults: ReadonlySet<FaultName> = new Set([
  'promptBlocked',
  'safety',
  'maxTokensEmpty',
  'malformedFunctionCall',
  'unexpectedToolCall',
]);

function planFor(
  context: RequestContext,
  request: GenerateContentRequest,
  model: EmulatedModel,
  promptTokens: number,
): ResponsePlan {
  const answer = answerNormalizedRequest(request, model, { seed: context.state.settings.seed }, promptTokens);
  return {
    modelVersion: model.id,
    responseId: context.state.nextResponseId(),
    promptTokenCount: promptTokens,
    emptyFinalTextPart: model.generation === '3',
    candidate: {
      thoughtParts: answer.thoughtParts,
      thoughtsTokenCount: answer.thoughtsTokenCount,
      answerParts: answer.answerParts,
      candidatesTokenCount: answer.candidatesTokenCount,
      finishReason: answer.finishReason,
      ...(answer.finishMessage === undefined ? {} : { finishMessage: answer.finishMessage }),
    },
  };
}

/** Refusals decided before any work: capacity (503), quotas (429) and random server errors. */
function admissionFault(
  context: RequestContext,
  model: string,
  draw: FaultDraw,
  promptTokens: number,
  arrayWrapped: boolean,
): boolean {
  const { state } = context;
  const faults = state.faultsFor(model);
  if (faults?.maxConcurrent !== undefined && state.inFlightCount(model) >= faults.maxConcurrent) {
    state.countFault('503-capacity');
    context.error(overloadedError(), arrayWrapped);
    return true;
  }
  const quota = faults?.quota;
  if (quota !== undefined) {
    const now = state.settings.now();
    const refusal = state.quotaFor(model).check(quota, now, promptTokens);
    if (refusal !== undefined) {
      state.countFault(`429-${refusal.kind}`);
      context.error(
        resourceExhaustedError({
          ...refusal,
          tier: quota.tier ?? 'paid',
          model,
          retryAfterHeader: quota.retryAfterHeader ?? false,
        }),
        arrayWrapped,
      );
      return true;
    }
    state.quotaFor(model).record(quota, now, promptTokens);
  }
  if (draw.errorStatus !== undefined) {
    state.countFault(String(draw.errorStatus));
    context.error(serverErrorForStatus(draw.errorStatus), arrayWrapped);
    return true;
  }
  return false;
}

async function serveScripted(
  context: RequestContext,
  entry: ScriptEntry,
  delivery: Delivery,
  draw: FaultDraw,
): Promise<void> {
  const arrayWrapped = delivery.stream && delivery.framing === 'json-array';
  if (entry.error !== undefined) {
    const body = entry.error.body as { error: { code: number; message: string; status: string } };
    context.error(
      { status: entry.error.status, body, ...(entry.error.headers ? { headers: entry.error.headers } : {}) },
      arrayWrapped,
    );
    return;
  }
  const chunks = entry.chunks ?? (entry.response === undefined ? [] : [entry.response]);
  if (!delivery.stream) {
    context.json(200, chunks.at(-1) ?? {});
    return;
  }
  await writeStream(context, chunks, {
    framing: delivery.framing,
    chunkDelayMs: (index) => draw.chunkDelayMs(index),
  });
}

async function sendUnary(
  context: RequestContext,
  plan: ResponsePlan,
  fault: FaultName | undefined,
): Promise<void> {
  if (fault === 'stall') {
    context.settle(0);
    await untilClosed(context);
    return;
  }
  if (fault === 'midStreamError') {
    context.error(overloadedError());
    return;
  }
  const response = buildUnaryResponse(plan);
  if (fault === 'resetMidBody') {
    const text = formatPrettyJson(response);
    context.settle(200);
    context.response.writeHead(200, reasonPhrase, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(text),
    });
    context.response.write(text.slice(0, Math.floor(text.length / 2)));
    setImmediate(() => {
      context.request.socket.destroy();
      context.response.destroy();
    });
    return;
  }
  context.json(200, response);
}

/** `:generateContent` and `:streamGenerateContent` for a known model and a parsed body. */
export async function handleGenerate(
  context: RequestContext,
  model: EmulatedModel,
  body: unknown,
  delivery: Delivery,
): Promise<void> {
  const { state } = context;
  const arrayWrapped = delivery.stream && delivery.framing === 'json-array';
  const checked = checkGenerateContentRequest(body, model);
  if (!checked.ok) {
    const { violation } = checked;
    context.error(invalidArgumentError(violation.message, violation.fieldViolations), arrayWrapped);
    return;
  }
  const { request, promptTokens } = checked;
  if (typeof request.cachedContent === 'string' && request.cachedContent !== '') {
    context.error(cachedContentNotFoundError(), arrayWrapped);
    return;
  }
  const scripted = state.script.take(model.id, request);
  const draw = drawFaults(state.faultsFor(model.id), state.randomFor(model.id));
  const fault = scripted?.fault ?? (scripted === undefined ? draw.fault : undefined);
  if (fault === 'resetBeforeHeaders') {
    state.countFault(fault);
    context.reset();
    return;
  }
  if (scripted === undefined && admissionFault(context, model.id, draw, promptTokens, arrayWrapped)) return;
  // counted once admitted: a request refused by a quota never shows its drawn fault
  if (fault !== undefined) state.countFault(fault);
  const leave = state.enter(model.id);
  try {
    if (draw.firstByteMs > 0) await context.wait(draw.firstByteMs);
    if (context.closed) {
      context.settle(499);
      return;
    }
    if (scripted !== undefined && scripted.fault === undefined) {
      await serveScripted(context, scripted, delivery, draw);
      return;
    }
    let plan = planFor(context, request, model, promptTokens);
    if (fault !== undefined && answerFaults.has(fault)) plan = applyAnswerFault(plan, fault);
    if (!delivery.stream) {
      await sendUnary(context, plan, fault);
      return;
    }
    const chunks = buildStreamChunks(
      plan,
      state.settings.streamChunkChars,
      state.settings.separateFinishChunk,
    );
    await writeStream(context, chunks, {
      framing: delivery.framing,
      ...(fault === undefined ? {} : { fault }),
      chunkDelayMs: (index) => draw.chunkDelayMs(index),
    });
  } finally {
    leave();
  }
}
