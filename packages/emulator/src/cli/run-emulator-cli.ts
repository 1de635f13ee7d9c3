import { Command, InvalidArgumentError } from 'commander';
import type { FaultsByModel } from '../faults/fault-config.js';
import { loadFaultsFile } from '../faults/load-faults-file.js';
import type { EmulatorHandle, RecordedRequest } from '../server/emulator-options.js';
import { startEmulator } from '../server/start-emulator.js';

/** Where the command writes: the base URL goes to `stdout` (first line), notes go to `stderr`. */
export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

function wholeNumber(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}, got "${value}".`);
    }
    return parsed;
  };
}

function collect(value: string, previous: string[]): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('--api-key must not be empty.');
  return [...previous, value];
}

const examples = `
Examples:
  $ tokenflow-emulator
  http://127.0.0.1:8787/api
  $ tokenflow-emulator --port 0 --api-key test-key --seed 7
  $ tokenflow-emulator --faults faults.json --latency-ms 250
  $ curl -s http://127.0.0.1:8787/api/v1beta/models/gemini-2.5-pro:generateContent \\
      -H "Authorization: Bearer test-key" -H "Content-Type: application/json" \\
      -d '{"contents":[{"role":"user","parts":[{"text":"Hello"}]}]}'

The faults file is JSON: {"seed": 1, "models": {"gemini-2.5-pro": {"quota": {"requestsPerMinute": 5}}}}.
See packages/emulator/README.md for every fault.`;

/** One log line: ISO time, method, path with its (redacted) query, status (0 for a reset or stall). */
function requestLine(request: RecordedRequest): string {
  const query = new URLSearchParams(request.query).toString();
  const target = query === '' ? request.path : `${request.path}?${query}`;
  return `${new Date(request.time).toISOString()} ${request.method} ${target} ${request.status ?? 0}\n`;
}

/** Builds the `tokenflow-emulator` command. `onStarted` receives the running server. */
/** Keys from `TOKENFLOW_EMULATOR_API_KEYS` (comma-separated), which keeps them off the process list. */
export function apiKeysFromEnvironment(environment: Record<string, string | undefined>): string[] {
  return (environment.TOKENFLOW_EMULATOR_API_KEYS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
}

export function emulatorCommand(
  streams: CliStreams,
  onStarted: (emulator: EmulatorHandle) => void,
  environment: Record<string, string | undefined> = {},
): Command {
  const program = new Command('tokenflow-emulator')
    .description(
      'A local TokenOff (Gemini API v1beta) server: real wire format, deterministic model, faults on demand.',
    )
    .option('--port <port>', 'port to listen on (0 picks a free one)', wholeNumber('--port', 0, 65535), 8787)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--base-path <path>', 'path prefix of the API', '/api')
    .option('--faults <file>', 'JSON file of faults per model (latency, quotas, errors, ...)')
    .option('--seed <seed>', 'seed for ids, answers and random faults', wholeNumber('--seed', 0, 4294967295))
    .option(
      '--api-key <key>',
      'accept only this key (repeatable; also TOKENFLOW_EMULATOR_API_KEYS=a,b; none given: any key)',
      collect,
      [],
    )
    .option(
      '--latency-ms <ms>',
      'time to first byte for every model',
      wholeNumber('--latency-ms', 0, 3_600_000),
    )
    .option(
      '--separate-finish-chunk',
      "end streams on a parts-less chunk carrying finishReason, as TokenOff's documentation shows",
      false,
    )
    .option('--log-requests', 'print one line per request to stderr (time, method, path, status)', false)
    .addHelpText('after', examples)
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
    })
    .action(
      async (options: {
        port: number;
        host: string;
        basePath: string;
        faults?: string;
        seed?: number;
        apiKey: string[];
        latencyMs?: number;
        logRequests: boolean;
        separateFinishChunk: boolean;
      }) => {
        const file = options.faults === undefined ? undefined : await loadFaultsFile(options.faults);
        const faults: FaultsByModel = { ...(file?.models ?? {}) };
        if (options.latencyMs !== undefined) {
          for (const key of new Set([...Object.keys(faults), '*'])) {
            const entry = faults[key] ?? {};
            faults[key] = { ...entry, latency: { ...entry.latency, firstByteMs: options.latencyMs } };
          }
        }
        const emulator = await startEmulator({
          port: options.port,
          host: options.host,
          basePath: options.basePath,
          apiKeys: [...options.apiKey, ...apiKeysFromEnvironment(environment)],
          seed: options.seed ?? file?.seed ?? 0,
          faults,
          separateFinishChunk: options.separateFinishChunk,
          ...(options.logRequests
            ? { onRequest: (request) => streams.stderr.write(requestLine(request)) }
            : {}),
        });
        streams.stdout.write(`${emulator.url}\n`);
        const keyCount = options.apiKey.length + apiKeysFromEnvironment(environment).length;
        const keys = keyCount === 0 ? 'any API key' : `${keyCount} API key(s)`;
        streams.stderr.write(
          `tokenflow emulator: serving 5 TokenOff models at ${emulator.url}, accepting ${keys}; Ctrl-C stops it.\n`,
        );
        onStarted(emulator);
      },
    );
  return program;
}
