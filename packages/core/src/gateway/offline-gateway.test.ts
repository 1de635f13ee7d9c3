import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenflowError } from '../errors/tokenflow-error.js';
import { createGateway } from './model-gateway.js';
import { validateGatewayOptions } from './validate-gateway-options.js';

function captureStderr(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return { lines, restore: () => spy.mockRestore() };
}

describe('createGateway({ offline: true })', () => {
  let restore = () => {};
  afterEach(() => restore());

  it('starts the built-in emulator on first use, says once that answers are simulated, and stops it on close', async () => {
    const stderr = captureStderr();
    restore = stderr.restore;
    const gateway = createGateway({ offline: true });
    expect(stderr.lines).toEqual([]);
    const model = gateway.chatModel('gemini-2.5-flash');
    const first = await model.invoke('Say hello to the team.');
    const second = await model.invoke('Say goodbye to the team.');
    expect(typeof first.content).toBe('string');
    expect(String(first.content).length).toBeGreaterThan(0);
    expect(second.response_metadata).toMatchObject({ tokenflow: { model: 'gemini-2.5-flash' } });
    expect(stderr.lines).toHaveLength(1);
    expect(stderr.lines[0]).toMatch(/simulated answers/);
    const url = /at (http:\/\/127\.0\.0\.1:\d+\S*) /.exec(stderr.lines[0] ?? '')?.[1];
    expect(url).toBeDefined();
    const alive = await fetch(`${url}/v1beta/models`, {
      headers: { 'x-goog-api-key': 'tokenflow-offline-emulator' },
    });
    expect(alive.status).toBe(200);
    await gateway.close();
    await expect(fetch(`${url}/v1beta/models`)).rejects.toThrow();
  });

  it('is refused beside an explicit key or base URL', () => {
    expect(() => createGateway({ offline: true, apiKey: 'k' })).toThrow(/cannot be combined with `apiKey`/);
    expect(() => createGateway({ offline: true, baseUrl: 'http://127.0.0.1:1' })).toThrow(
      /cannot be combined with `baseUrl`/,
    );
  });
});

describe('the connection a gateway resolves', () => {
  it('fails without a key, naming both ways forward', () => {
    const attempt = () => validateGatewayOptions({}, {});
    expect(attempt).toThrow(TokenflowError);
    expect(attempt).toThrow(/TOKENOFF_API_KEY/);
    expect(attempt).toThrow(/offline: true/);
    expect(attempt).toThrow(/TOKENFLOW_OFFLINE=1/);
  });

  it('refuses an empty TOKENOFF_BASE_URL instead of sending the key to production', () => {
    expect(() =>
      validateGatewayOptions({}, { TOKENOFF_API_KEY: 'secret-key-1', TOKENOFF_BASE_URL: '  ' }),
    ).toThrow(/TOKENOFF_BASE_URL is set but empty/);
  });

  it('turns offline on from TOKENFLOW_OFFLINE and refuses values it does not know', () => {
    expect(validateGatewayOptions({}, { TOKENFLOW_OFFLINE: '1' }).offline).toBe(true);
    expect(
      validateGatewayOptions({}, { TOKENFLOW_OFFLINE: 'true', TOKENOFF_API_KEY: 'k' }).apiKey,
    ).toBeUndefined();
    expect(
      validateGatewayOptions({ offline: false }, { TOKENFLOW_OFFLINE: '1', TOKENOFF_API_KEY: 'k' }).offline,
    ).toBe(false);
    expect(() => validateGatewayOptions({}, { TOKENFLOW_OFFLINE: 'yes' })).toThrow(
      /TOKENFLOW_OFFLINE must be/,
    );
  });

  it('never echoes a key in its errors', () => {
    const key = 'sk-very-secret-0123456789';
    let message = '';
    try {
      validateGatewayOptions({ apiKey: key, baseUrl: 'ftp://example.invalid' }, {});
    } catch (error) {
      message = String((error as Error).message);
    }
    expect(message).toMatch(/baseUrl/);
    expect(message).not.toContain(key);
  });
});
