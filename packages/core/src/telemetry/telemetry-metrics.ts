import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import type { TokenUsage } from '../models/token-usage.js';
import { genAi, genAiOperations, metricNames, tokenOffProvider } from './telemetry-names.js';

/** The instruments of one meter: the two GenAI client histograms and tokenflow's counters. */
export interface TelemetryInstruments {
  tokenUsage: Histogram;
  operationDuration: Histogram;
  cost: Counter;
  retries: Counter;
  fallbacks: Counter;
  rateLimited: Counter;
  circuitOpenings: Counter;
}

// Instruments are created once per meter, not per run: creating them costs more than recording.
const byMeter = new WeakMap<Meter, TelemetryInstruments>();

/** The boundaries the GenAI conventions advise for token counts and for durations in seconds. */
const tokenBoundaries = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];
const durationBoundaries = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

export function instrumentsOf(meter: Meter): TelemetryInstruments {
  const known = byMeter.get(meter);
  if (known) return known;
  const instruments: TelemetryInstruments = {
    tokenUsage: meter.createHistogram(metricNames.tokenUsage, {
      description: 'Input and output tokens per model call',
      unit: '{token}',
      advice: { explicitBucketBoundaries: tokenBoundaries },
    }),
    operationDuration: meter.createHistogram(metricNames.operationDuration, {
      description: 'Duration of a model call, waits and retries included',
      unit: 's',
      advice: { explicitBucketBoundaries: durationBoundaries },
    }),
    cost: meter.createCounter(metricNames.cost, { description: 'Cost of model calls', unit: 'USD' }),
    retries: meter.createCounter(metricNames.retries, { description: 'Attempts retried on the same model' }),
    fallbacks: meter.createCounter(metricNames.fallbacks, { description: 'Calls moved to another model' }),
    rateLimited: meter.createCounter(metricNames.rateLimited, { description: 'Attempts answered 429' }),
    circuitOpenings: meter.createCounter(metricNames.circuitOpenings, {
      description: 'Times a model was paused by its circuit breaker',
    }),
  };
  byMeter.set(meter, instruments);
  return instruments;
}

function modelAttributes(requestModel: string, responseModel: string | undefined): Attributes {
  return {
    [genAi.operationName]: genAiOperations.chat,
    [genAi.providerName]: tokenOffProvider,
    [genAi.requestModel]: requestModel,
    ...(responseModel === undefined ? {} : { [genAi.responseModel]: responseModel }),
  };
}

/** Records one finished model call: tokens by type, duration, cost (all per model). */
export function recordModelCall(
  instruments: TelemetryInstruments,
  call: {
    requestModel: string;
    responseModel?: string;
    durationSeconds: number;
    usage?: TokenUsage;
    costUsd?: number;
    errorType?: string;
  },
): void {
  const attributes = modelAttributes(call.requestModel, call.responseModel);
  instruments.operationDuration.record(
    call.durationSeconds,
    call.errorType === undefined ? attributes : { ...attributes, [genAi.errorType]: call.errorType },
  );
  if (call.usage) {
    instruments.tokenUsage.record(call.usage.inputTokens, { ...attributes, [genAi.tokenType]: 'input' });
    instruments.tokenUsage.record(call.usage.outputTokens, { ...attributes, [genAi.tokenType]: 'output' });
  }
  if (call.costUsd !== undefined && call.costUsd > 0) instruments.cost.add(call.costUsd, attributes);
}

/** Attributes of the per-model counters (retries, fallbacks, 429s, circuit openings). */
export function counterAttributes(model: string, reason?: string): Attributes {
  return {
    [genAi.providerName]: tokenOffProvider,
    [genAi.requestModel]: model,
    ...(reason === undefined ? {} : { [genAi.errorType]: reason }),
  };
}
