/**
 * The emulator as a separate process for the gateway benchmarks. It starts `startEmulator` with the
 * faults given as JSON in argv[2], prints its base URL as the first stdout line, and then answers
 * one-line JSON commands on stdin (`stats`, `log`, `set-faults`, `close`) with one-line JSON replies,
 * so a benchmark can read the emulator's own counts (a request log of model, status and time) without
 * sharing its event loop.
 */
import { createInterface } from 'node:readline';
import { type ModelFaults, startEmulator } from '@tokenflow/emulator';

interface LogEntry {
  model: string;
  status: number;
  time: number;
}

const faults = JSON.parse(process.argv[2] ?? '{}') as Record<string, ModelFaults>;
const log: LogEntry[] = [];
const emulator = await startEmulator({
  seed: 1,
  faults,
  maxRecordedRequests: 0,
  onRequest: (request) => {
    if (request.action === 'generateContent' || request.action === 'streamGenerateContent') {
      log.push({ model: request.model ?? '', status: request.status ?? 0, time: request.time });
    }
  },
});
process.stdout.write(`${emulator.url}\n`);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const command = JSON.parse(line) as { id: number; type: string; faults?: Record<string, ModelFaults> };
  const reply = (value: unknown) => process.stdout.write(`${JSON.stringify({ id: command.id, value })}\n`);
  if (command.type === 'stats') reply(emulator.stats);
  else if (command.type === 'log') reply(log);
  else if (command.type === 'set-faults') {
    emulator.setFaults(command.faults ?? {});
    reply(true);
  } else if (command.type === 'close') {
    void emulator.close().then(() => {
      reply(true);
      process.exit(0);
    });
  }
});
lines.on('close', () => void emulator.close().then(() => process.exit(0)));
