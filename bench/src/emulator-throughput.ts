/**
 * Emulator throughput: requests per second on loopback with zero latency, measured from a separate
 * process. Spawns the `tokenflow-emulator` bin, then drives it with a keep-alive http.Agent at several
 * concurrency levels, unary and streamed, and prints a table.
 *
 *   pnpm --filter @tokenflow/bench bench:emulator            (or: npx tsx src/emulator-throughput.ts)
 *   options: --seconds N (per row, default 5), --concurrency 1,8,32,128
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

interface Row {
  mode: string;
  concurrency: number;
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

async function startEmulatorProcess(): Promise<{ child: ChildProcess; url: string }> {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@tokenflow/emulator/package.json'));
  const bin = join(packageDir, 'bin', 'tokenflow-emulator.js');
  const child = spawn(process.execPath, [bin, '--port', '0', '--seed', '1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.stdout === null) throw new Error('the emulator process has no stdout');
  const lines = createInterface({ input: child.stdout });
  const [url] = (await once(lines, 'line')) as [string];
  return { child, url };
}

function post(agent: Agent, url: URL, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `${url.pathname}${path}`,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: 'Bearer bench-key',
        },
      },
      (response) => {
        response.on('data', () => undefined);
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

async function measure(url: URL, mode: 'unary' | 'sse', concurrency: number, seconds: number): Promise<Row> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const body = JSON.stringify({
    contents: [{ role: 'user', parts: [{ text: 'Give me one short sentence about the sea.' }] }],
  });
  const path =
    mode === 'unary'
      ? '/v1beta/models/gemini-2.5-flash-lite:generateContent'
      : '/v1beta/models/gemini-2.5-flash-lite:streamGenerateContent?alt=sse';
  const latencies: number[] = [];
  let errors = 0;
  // warm-up: open the sockets and let the JIT settle
  await Promise.all(Array.from({ length: concurrency }, () => post(agent, url, path, body)));
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      const status = await post(agent, url, path, body).catch(() => 0);
      latencies.push(performance.now() - begin);
      if (status !== 200) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    mode,
    concurrency,
    requests: latencies.length,
    errors,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
  };
}

async function main(): Promise<void> {
  const seconds = Number(option('seconds', '5'));
  const levels = option('concurrency', '1,8,32,128').split(',').map(Number);
  const { child, url } = await startEmulatorProcess();
  const base = new URL(url);
  console.log(
    `emulator at ${url} (separate process), Node ${process.version}, ${cpus().length} CPU(s), ${seconds}s per row`,
  );
  const rows: Row[] = [];
  try {
    for (const mode of ['unary', 'sse'] as const) {
      for (const concurrency of levels) rows.push(await measure(base, mode, concurrency, seconds));
    }
  } finally {
    child.kill('SIGTERM');
  }
  console.log('');
  console.log('| mode | concurrency | requests | errors | requests/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.mode} | ${row.concurrency} | ${row.requests} | ${row.errors} | ${Math.round(row.perSecond)} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} |`,
    );
  }
  const best = rows.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  console.log('');
  console.log(
    `peak: ${Math.round(best.perSecond)} requests/s (${best.mode}, concurrency ${best.concurrency})`,
  );
}

await main();
