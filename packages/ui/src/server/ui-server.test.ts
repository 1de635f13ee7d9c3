import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doneLine, failedLine, sessionLine, writeRun } from '../test-support/run-files.js';
import { UiError } from '../ui-error.js';
import { startUiServer, type UiServerHandle } from './ui-server.js';

/** A GET with the path sent exactly as written: no URL normalisation of `..` or `%2e` on the way. */
function rawGet(
  server: UiServerHandle,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: server.port, path, method: 'GET', headers },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the run viewer server', () => {
  let root: string;
  let folder: string;
  let outside: string;
  let server: UiServerHandle | undefined;
  const secret = 'outside-the-folder-4a7e';

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tokenflow-ui-server-'));
    folder = join(root, 'runs');
    outside = join(root, 'private');
    await mkdir(folder);
    await mkdir(outside);
    await writeRun(folder, {
      journal: sessionLine('/nowhere.jsonl'),
      output: doneLine('a', 1),
      errors: failedLine('b', 'blocked'),
    });
    // A run outside the folder, and files whose content must never come back through the server.
    await writeRun(
      outside,
      { journal: sessionLine('/nowhere.jsonl'), output: doneLine(secret, 1) },
      'hidden',
    );
    await writeFile(join(outside, 'secret.txt'), secret);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(root, { recursive: true, force: true });
  });

  it('binds to 127.0.0.1 and lists the runs of its folder', async () => {
    server = await startUiServer({ folder, port: 0, indexWaitMs: 60_000 });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const response = await rawGet(server, '/api/runs');
    const body = JSON.parse(response.body) as {
      runs: { id: string; rows: { done: number; failed: number } }[];
    };
    expect(body.runs.map((run) => [run.id, run.rows.done, run.rows.failed])).toEqual([['out.jsonl', 1, 1]]);
  });

  it('serves the page and its modules, nothing else from its own files', async () => {
    server = await startUiServer({ folder, port: 0, indexWaitMs: 60_000 });
    expect((await rawGet(server, '/')).body).toContain('<script type="module" src="/app.js">');
    expect((await rawGet(server, '/app.js')).status).toBe(200);
    for (const path of ['/package.json', '/static/app.js', '/index.html', '/../package.json']) {
      expect((await rawGet(server, path)).status, path).toBe(404);
    }
  });

  it('answers 404 to paths and run ids that climb out of the folder, encoded or not', async () => {
    server = await startUiServer({ folder, port: 0, indexWaitMs: 60_000 });
    const attempts = [
      '/../private/secret.txt',
      '/%2e%2e/private/secret.txt',
      '/%2E%2E%2Fprivate%2Fsecret.txt',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/api/run?id=../private/hidden.jsonl',
      '/api/run?id=%2e%2e%2fprivate%2fhidden.jsonl',
      `/api/run?id=${encodeURIComponent(join(outside, 'hidden.jsonl'))}`,
      '/api/run?id=..%5cprivate%5chidden.jsonl',
    ];
    for (const path of attempts) {
      const response = await rawGet(server, path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain(secret);
    }
  });

  it('does not follow symbolic links out of the folder, to a run, a folder or a run file', async () => {
    await symlink(join(outside, 'hidden.journal.jsonl'), join(folder, 'linked.journal.jsonl'));
    await symlink(outside, join(folder, 'linked-folder'));
    const other = join(folder, 'other');
    await mkdir(other);
    await writeRun(other, { journal: sessionLine('/nowhere.jsonl') }, 'run');
    await symlink(join(outside, 'hidden.jsonl'), join(other, 'run.jsonl'));
    server = await startUiServer({ folder, port: 0, indexWaitMs: 60_000 });
    const listing = await rawGet(server, '/api/runs');
    expect(listing.body).not.toContain(secret);
    const ids = (JSON.parse(listing.body) as { runs: { id: string }[] }).runs.map((run) => run.id);
    expect(ids).toEqual(['other/run.jsonl', 'out.jsonl']);
    const linkedRun = await rawGet(server, '/api/run?id=other%2Frun.jsonl');
    expect(JSON.parse(linkedRun.body)).toMatchObject({ files: { output: false }, rows: { done: 0 } });
    for (const path of ['/api/run?id=linked.jsonl', '/api/run?id=linked-folder%2Fhidden.jsonl']) {
      expect((await rawGet(server, path)).status, path).toBe(404);
    }
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    server = await startUiServer({ folder, port: 0, indexWaitMs: 60_000 });
    const rebound = await rawGet(server, '/api/runs', { host: `attacker.example:${server.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('out.jsonl');
    expect((await rawGet(server, '/api/runs', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('says a port is in use with the port and host as data', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const error = await startUiServer({ folder, port }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UiError);
      expect(error).toMatchObject({ code: 'ui-port-in-use', fields: { port, host: '127.0.0.1' } });
    } finally {
      taken.close();
    }
  });

  it('refuses a folder that does not exist, naming it', async () => {
    const missing = join(root, 'nope');
    await expect(startUiServer({ folder: missing, port: 0 })).rejects.toMatchObject({
      code: 'ui-folder-missing',
      fields: { folder: missing },
    });
  });
});
