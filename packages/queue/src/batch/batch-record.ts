import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { keyPrefix } from '../governor/governor-keys.js';

/** What a worker needs to run a batch's rows, stored once per batch by the submitter. */
export interface BatchRecord {
  /** The batch key (16 hex digits) and its current generation. */
  key: string;
  generation: number;
  name: string;
  /** The checked pipeline as JSON (YAML's subset): workers load it like a file. */
  pipeline: string;
  /** `pipelineFingerprint` of the pipeline; a worker that computes another refuses the batch. */
  fingerprint: string;
  file: string;
  baseDir: string;
  input: string;
  output: string;
  createdAt: string;
}

/** Live figures of a batch generation, written by workers and the submitter. */
export interface BatchFigures {
  total: number | undefined;
  done: number;
  failed: number;
  costUsd: number;
  state: string;
  updatedAt: string | undefined;
}

export const batchesKey = `${keyPrefix}batches`;
export const batchKey = (key: string) => `${keyPrefix}batch:${key}`;
export const figuresKey = (batchId: string) => `${keyPrefix}batch:${batchId}:figures`;

/** A batch's key: the same pipeline over the same input into the same output is the same batch. */
export function batchKeyOf(fingerprint: string, input: string, output: string): string {
  return createHash('sha256')
    .update(`tokenflow-batch\n${fingerprint}\n${resolve(input)}\n${resolve(output)}`)
    .digest('hex')
    .slice(0, 16);
}

export const batchIdOf = (key: string, generation: number) => `${key}g${generation}`;

/**
 * Stores the batch for workers and returns its generation: the stored one, or a new one when `restart`
 * (jobs of older generations are then skipped by workers).
 */
export async function storeBatch(
  redis: Redis,
  record: Omit<BatchRecord, 'generation'>,
  restart: boolean,
): Promise<number> {
  const key = batchKey(record.key);
  let generation: number;
  if (restart) generation = await redis.hincrby(key, 'generation', 1);
  else {
    await redis.hsetnx(key, 'generation', 1);
    generation = Number(await redis.hget(key, 'generation'));
  }
  const { key: _key, ...fields } = record;
  await redis.hset(key, fields);
  await redis.zadd(batchesKey, Date.now(), record.key);
  return generation;
}

/** Reads a stored batch, or undefined when there is none under that key. */
export async function readBatch(redis: Redis, key: string): Promise<BatchRecord | undefined> {
  const fields = await redis.hgetall(batchKey(key));
  if (!fields.pipeline || !fields.fingerprint) return undefined;
  return {
    key,
    generation: Number(fields.generation ?? 1),
    name: fields.name ?? '',
    pipeline: fields.pipeline,
    fingerprint: fields.fingerprint,
    file: fields.file ?? '<queued>',
    baseDir: fields.baseDir ?? process.cwd(),
    input: fields.input ?? '',
    output: fields.output ?? '',
    createdAt: fields.createdAt ?? '',
  };
}

/** Reads a generation's figures (written by its submitter from its own progress, so they match its files). */
export async function readFigures(redis: Redis, batchId: string): Promise<BatchFigures> {
  const fields = await redis.hgetall(figuresKey(batchId));
  return {
    total: fields.total === undefined ? undefined : Number(fields.total),
    done: Number(fields.done ?? 0),
    failed: Number(fields.failed ?? 0),
    costUsd: Number(fields.costUsd ?? 0),
    state: fields.state ?? 'queued',
    updatedAt: fields.updatedAt,
  };
}
