import type { BatchEvent, BatchProgress } from '@tokenflow/core';
import cliProgress from 'cli-progress';
import type { CliIo, CliOutput } from '../cli-io.js';

/** Shows a run as it goes. `close` is called once, before the summary is printed. */
export interface ProgressReporter {
  onEvent(event: BatchEvent): void;
  note(text: string): void;
  close(): void;
}

const formatUsd = (value: number): string => `$${value.toFixed(4)}`;

function rateAndEta(progress: BatchProgress, startedAt: number, now: number) {
  const finished = progress.done + progress.failed;
  const seconds = Math.max((now - startedAt) / 1000, 0.001);
  const rate = finished / seconds;
  const remaining = progress.total === undefined ? undefined : progress.total - progress.skipped - finished;
  const eta = remaining === undefined || rate === 0 ? undefined : Math.max(remaining, 0) / rate;
  return { rate, eta };
}

const formatEta = (seconds: number | undefined): string =>
  seconds === undefined
    ? '?'
    : seconds < 60
      ? `${Math.ceil(seconds)}s`
      : `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;

/**
 * A live bar on a terminal (cli-progress): rows done/total, rate, ETA, running cost, retries and
 * fallbacks.
 */
export function terminalProgress(stream: CliOutput, now: () => number = Date.now): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format:
        '{bar} {value}/{total} rows | {rate} rows/s | ETA {etaText} | {cost} | {failed} failed | {retries} retries | {fallbacks} fallbacks',
      hideCursor: true,
      clearOnComplete: false,
      fps: 5,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let startedAt = now();
  let started = false;
  return {
    onEvent(event) {
      if (event.type === 'batch-start') {
        startedAt = now();
        const total = event.totalRows ?? 0;
        bar.start(total, event.alreadyFinished, {
          rate: '0.0',
          etaText: '?',
          cost: formatUsd(0),
          failed: 0,
          retries: 0,
          fallbacks: 0,
        });
        started = true;
        return;
      }
      if ((event.type === 'row-end' || event.type === 'row-error') && started) {
        const { progress } = event;
        const { rate, eta } = rateAndEta(progress, startedAt, now());
        bar.update(progress.skipped + progress.done + progress.failed, {
          rate: rate.toFixed(1),
          etaText: formatEta(eta),
          cost: formatUsd(progress.costUsd),
          failed: progress.failed,
          retries: progress.retries,
          fallbacks: progress.fallbacks,
        });
      }
    },
    note(text) {
      if (started) bar.stop();
      stream.write(`${text}\n`);
      started = false;
    },
    close() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** Plain progress lines when output is not a terminal: at most one every `everyMs`, plus the last. */
export function lineProgress(
  stream: CliOutput,
  now: () => number = Date.now,
  everyMs = 2000,
): ProgressReporter {
  let startedAt = now();
  let lastAt = Number.NEGATIVE_INFINITY;
  let last: BatchProgress | undefined;
  const line = (progress: BatchProgress): void => {
    const { rate, eta } = rateAndEta(progress, startedAt, now());
    const finished = progress.skipped + progress.done + progress.failed;
    const total = progress.total === undefined ? '?' : String(progress.total);
    stream.write(
      `progress ${finished}/${total} rows (${progress.failed} failed), ${rate.toFixed(1)} rows/s, ETA ${formatEta(eta)}, ` +
        `${formatUsd(progress.costUsd)}, ${progress.retries} retries, ${progress.fallbacks} fallbacks\n`,
    );
  };
  return {
    onEvent(event) {
      if (event.type === 'batch-start') {
        startedAt = now();
        stream.write(
          `batch start: ${event.totalRows ?? '?'} rows in the input` +
            (event.resumed ? `, resuming (${event.alreadyFinished} finished before)` : '') +
            '\n',
        );
        return;
      }
      if (event.type === 'row-end' || event.type === 'row-error') {
        last = event.progress;
        if (now() - lastAt >= everyMs) {
          lastAt = now();
          line(event.progress);
        }
      }
    },
    note(text) {
      stream.write(`${text}\n`);
    },
    close() {
      if (last !== undefined && lastAt !== now()) line(last);
    },
  };
}

/** `--json`: every batch event as one JSON line on stdout (the summary is the `batch-end` event). */
export function jsonProgress(stream: CliOutput): ProgressReporter {
  return {
    onEvent(event) {
      stream.write(`${JSON.stringify(event)}\n`);
    },
    note(text) {
      stream.write(`${JSON.stringify({ type: 'note', message: text })}\n`);
    },
    close() {},
  };
}

/** The reporter a run prints with: JSON lines with `--json`, a live bar on a terminal, plain lines otherwise. */
export function chooseReporter(
  io: Pick<CliIo, 'stdout' | 'stderr'>,
  flags: { json?: boolean | undefined },
): ProgressReporter {
  if (flags.json) return jsonProgress(io.stdout);
  return io.stderr.isTTY ? terminalProgress(io.stderr) : lineProgress(io.stderr);
}
