import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BatchController, type BatchSummary, pipelineRowProcessor, runBatch } from '@tokenflow/core';
import { countInputRows, detectInputFormat, type InputFormat } from '@tokenflow/core/batch';
import { type FaultsByModel, loadFaultsFile } from '@tokenflow/emulator';
import type { CliIo } from '../cli-io.js';
import { type ExitCode, exitCodes } from '../exit-codes.js';
import { boundHeapGrowth } from '../run/bound-heap-growth.js';
import { capYoungGeneration } from '../run/cap-young-generation.js';
import { formatSummary } from '../run/format-summary.js';
import { memoryLogFromEnv, withMemoryLog } from '../run/memory-log.js';
import { chooseReporter } from '../run/progress-reporter.js';
import { pipelineGateway } from '../support/pipeline-gateway.js';
import { connectTokenOff } from '../support/tokenoff-connection.js';
import { startRunTracing, type TraceFlags } from '../trace/run-tracing.js';
import { loadPipelineOrExplain, requireFile } from './load-pipeline-or-explain.js';

export interface RunFlags extends TraceFlags {
  input: string;
  output: string;
  errors?: string;
  format?: InputFormat;
  concurrency: number;
  maxCost?: number;
  resume?: boolean;
  restart?: boolean;
  allowChanged?: boolean;
  dryRun?: boolean;
  json?: boolean;
  emulatorFaults?: string;
  fsync: boolean;
}

/** Runs a YAML pipeline over a dataset for `tokenflow run`; resolves to the exit code. */
export async function runPipelineFile(io: CliIo, pipelinePath: string, flags: RunFlags): Promise<ExitCode> {
  if (flags.resume && flags.restart) {
    io.stderr.write('tokenflow run: --resume and --restart contradict each other; pick one.\n');
    return exitCodes.usage;
  }
  const pipeline = await loadPipelineOrExplain(pipelinePath, io.cwd);
  const input = await requireFile(flags.input, '--input', io.cwd);
  const output = resolve(io.cwd, flags.output);
  const format = detectInputFormat(input, flags.format);
  const faults: FaultsByModel | undefined =
    flags.emulatorFaults === undefined
      ? undefined
      : (await loadFaultsFile(await requireFile(flags.emulatorFaults, '--emulator-faults', io.cwd))).models;

  if (flags.dryRun) {
    const rows = await countInputRows(input, format);
    io.stdout.write(
      `Dry run: pipeline "${pipeline.name}" is valid (${pipeline.definition.nodes.length} top-level steps; ` +
        `model ${pipeline.models.default}` +
        (pipeline.models.fallback.length > 0
          ? `, falling back to ${pipeline.models.fallback.join(' -> ')}`
          : '') +
        `).\n  input   ${input} (${format}, ${rows} rows)\n  output  ${output}\nNo model was called.\n`,
    );
    return exitCodes.ok;
  }

  // Read before anything runs: a bad TOKENFLOW_MEMORY_LOG_EVERY is a usage error (exit 2).
  const memoryLog = memoryLogFromEnv(io.env, io.cwd);
  await mkdir(dirname(output), { recursive: true });
  boundHeapGrowth();
  const endYoungGenerationCap = capYoungGeneration();
  const tracing = startRunTracing(io, flags, output);
  const connection = await connectTokenOff(io, { ...(faults ? { faults } : {}), quiet: flags.json === true });
  if (faults && !connection.offline) {
    io.stderr.write(
      'tokenflow run: --emulator-faults is ignored because TOKENOFF_API_KEY is set (calls go to TokenOff).\n',
    );
  }
  const gateway = pipelineGateway(pipeline, connection, { concurrency: flags.concurrency });
  const reporter = memoryLog
    ? withMemoryLog(chooseReporter(io, flags), memoryLog, (problem) =>
        io.stderr.write(`tokenflow run: ${problem}\n`),
      )
    : chooseReporter(io, flags);
  const controller = new BatchController();
  let interrupts = 0;
  io.onInterrupt?.(() => {
    interrupts += 1;
    if (controller.interrupt() === 'stop') {
      reporter.note(
        'Stopping: no new rows; waiting for the rows in flight to finish. Press Ctrl-C again to cancel them now (the run stays resumable).',
      );
    } else {
      reporter.note('Cancelling the rows in flight now; they will run again on resume.');
    }
  });

  let summary: BatchSummary;
  try {
    summary = await runBatch({
      input: {
        path: input,
        format,
        ...(pipeline.input.idField === undefined ? {} : { idField: pipeline.input.idField }),
      },
      output,
      ...(flags.errors === undefined ? {} : { errors: resolve(io.cwd, flags.errors) }),
      process: pipelineRowProcessor(pipeline.definition, { gateway }),
      ...(tracing ? { telemetry: tracing.telemetry } : {}),
      concurrency: flags.concurrency,
      ...(flags.maxCost === undefined ? {} : { maxCostUsd: flags.maxCost }),
      fingerprint: pipeline.fingerprint,
      restart: flags.restart === true,
      allowChanged: flags.allowChanged === true,
      durability: { fsync: flags.fsync },
      onEvent: (event) => reporter.onEvent(event),
      signal: controller.signal,
      stopSignal: controller.stopSignal,
      secrets: connection.offline ? [] : [connection.apiKey],
    });
  } finally {
    endYoungGenerationCap?.();
    reporter.close();
    await gateway.close();
    await connection.close();
    for (const problem of (await tracing?.close()) ?? []) io.stderr.write(`tokenflow run: ${problem}\n`);
  }
  if (flags.json !== true) io.stderr.write(formatSummary(summary));
  if (flags.json !== true && tracing?.file !== undefined) io.stderr.write(`Trace: ${tracing.file}\n`);
  if (summary.stopReason === 'stopped' || summary.stopReason === 'aborted' || interrupts > 0) {
    return exitCodes.interrupted;
  }
  if (summary.stopReason === 'budget-reached' || summary.rows.failed > 0) return exitCodes.rowsFailed;
  return exitCodes.ok;
}
