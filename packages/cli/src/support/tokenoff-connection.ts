import { defaultTokenOffBaseUrl } from '@tokenflow/core/models';
import { type FaultsByModel, startEmulator } from '@tokenflow/emulator';
import type { CliIo } from '../cli-io.js';

/** Where model calls go, and how to let go of it. */
export interface TokenOffConnection {
  apiKey: string;
  baseUrl: string;
  /** True when no key was set and calls go to the in-process emulator. */
  offline: boolean;
  close(): Promise<void>;
}

/** The key the in-process emulator is started with; it is not a secret and never leaves the machine. */
export const offlineApiKey = 'tokenflow-offline-emulator';

/**
 * The offline default: with `TOKENOFF_API_KEY` set, calls go to TokenOff (`TOKENOFF_BASE_URL` overrides
 * the address); without it, an emulator starts in this process on a free loopback port and the CLI says
 * so in one line on stderr, so a new user can run everything before they have a key.
 */
export async function connectTokenOff(
  io: CliIo,
  options: { faults?: FaultsByModel; seed?: number; quiet?: boolean } = {},
): Promise<TokenOffConnection> {
  const apiKey = io.env.TOKENOFF_API_KEY?.trim();
  if (apiKey) {
    const baseUrl = io.env.TOKENOFF_BASE_URL?.trim() || defaultTokenOffBaseUrl;
    return { apiKey, baseUrl, offline: false, close: async () => {} };
  }
  const emulator = await startEmulator({
    port: 0,
    seed: options.seed ?? 0,
    apiKeys: [offlineApiKey],
    maxRecordedRequests: 0,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  if (!options.quiet) {
    io.stderr.write(
      `tokenflow: TOKENOFF_API_KEY is not set, so this runs offline against the built-in emulator at ${emulator.url} (simulated answers; the costs shown are what TokenOff would charge).\n`,
    );
  }
  return { apiKey: offlineApiKey, baseUrl: emulator.url, offline: true, close: () => emulator.close() };
}
