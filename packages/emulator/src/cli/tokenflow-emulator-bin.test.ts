import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/tokenflow-emulator.js', import.meta.url));

function run(args: string[], environment: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...environment },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing a line: ${stderr}`)));
  });
  // a run that is expected to fail never prints; keep its rejection from going unhandled
  firstLine.catch(() => undefined);
  return { child, firstLine, stderr: () => stderr };
}

describe('the tokenflow-emulator bin', () => {
  it('prints its base URL as the first line, serves it, and exits 0 on SIGTERM', async () => {
    const { child, firstLine } = run(['--port', '0', '--api-key', 'bin-key', '--base-path', '/gw']);
    const url = await firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gw$/);
    const response = await fetch(`${url}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { authorization: 'Bearer bin-key', 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] }),
    });
    expect(response.status).toBe(200);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('logs one line per request to stderr with --log-requests, never the key', async () => {
    const { child, firstLine, stderr } = run(['--port', '0', '--log-requests']);
    const url = await firstLine;
    const response = await fetch(`${url}/v1beta/models/gemini-2.5-flash:countTokens?key=secret-key`, {
      method: 'POST',
      body: JSON.stringify({ contents: [{ parts: [{ text: 'Hi' }] }] }),
    });
    expect(response.status).toBe(200);
    // 'close', not 'exit': it waits until stderr is read to its end, so the log line cannot be missed.
    const closed = once(child, 'close');
    child.kill('SIGTERM');
    await closed;
    expect(stderr()).toMatch(
      /\d{4}-\d\d-\d\dT[\d:.]+Z POST \/api\/v1beta\/models\/gemini-2\.5-flash:countTokens\?key=%5Bredacted%5D 200\n/,
    );
    expect(stderr()).not.toContain('secret-key');
  });

  it('takes keys from TOKENFLOW_EMULATOR_API_KEYS, keeping them off the command line', async () => {
    const { child, firstLine } = run(['--port', '0'], {
      TOKENFLOW_EMULATOR_API_KEYS: 'env-key-1, env-key-2',
    });
    const url = await firstLine;
    const call = (key: string) =>
      fetch(`${url}/v1beta/models/gemini-2.5-flash:countTokens`, {
        method: 'POST',
        headers: { 'x-goog-api-key': key },
        body: JSON.stringify({ contents: [{ parts: [{ text: 'Hi' }] }] }),
      });
    expect((await call('env-key-2')).status).toBe(200);
    expect((await call('other')).status).toBe(400);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  });

  it('loads a faults file and applies it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-bin-'));
    try {
      const file = join(dir, 'faults.json');
      await writeFile(
        file,
        JSON.stringify({ seed: 3, models: { 'gemini-2.5-pro': { errorRates: { '503': 1 } } } }),
      );
      const { child, firstLine } = run(['--port', '0', '--faults', file]);
      const url = await firstLine;
      const response = await fetch(`${url}/v1beta/models/gemini-2.5-pro:generateContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': 'any' },
        body: JSON.stringify({ contents: [{ parts: [{ text: 'Hi' }] }] }),
      });
      expect(response.status).toBe(503);
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      expect((await exited)[0]).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a faults file with a typo, naming the file and the field, with exit code 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-bin-'));
    try {
      const file = join(dir, 'faults.json');
      await writeFile(file, JSON.stringify({ models: { 'gemini-2.5-pro': { rates: { stal: 1 } } } }));
      const { child, stderr } = run(['--port', '0', '--faults', file]);
      const [code] = await once(child, 'close');
      expect(code).toBe(2);
      expect(stderr()).toContain(`${file}: models["gemini-2.5-pro"].rates.stal: unknown setting`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
