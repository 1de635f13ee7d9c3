import { TokenflowError } from '../errors/tokenflow-error.js';

/** Where the gateway sends calls: TokenOff, or the built-in emulator when offline. */
export interface GatewayConnection {
  apiKey: string | undefined;
  baseUrl: string | undefined;
}

/** The key the in-process emulator accepts; it only ever travels over loopback. */
export const offlineEmulatorKey = 'tokenflow-offline-emulator';

/** The part of `@tokenflow/emulator` the gateway uses. */
interface EmulatorModule {
  startEmulator(options: { host: string; port: number; apiKeys: readonly string[] }): Promise<{
    url: string;
    close(): Promise<void>;
  }>;
}

/**
 * The built-in emulator behind `createGateway({ offline: true })`: started on first use on a loopback port,
 * stopped by `gateway.close()`. `@tokenflow/emulator` is an optional peer of core, loaded only here, so a
 * production install without it never carries a simulator.
 */
export class OfflineEmulator {
  readonly #notice: (message: string) => void;
  #started: Promise<{ url: string; close(): Promise<void> }> | undefined;

  constructor(notice: (message: string) => void) {
    this.#notice = notice;
  }

  /** Starts the emulator once; later calls share it. */
  async connection(): Promise<GatewayConnection> {
    this.#started ??= this.#start();
    const emulator = await this.#started;
    return { apiKey: offlineEmulatorKey, baseUrl: emulator.url };
  }

  async close(): Promise<void> {
    const started = this.#started;
    this.#started = undefined;
    if (!started) return;
    const emulator = await started.catch(() => undefined);
    await emulator?.close();
  }

  async #start(): Promise<{ url: string; close(): Promise<void> }> {
    let emulatorModule: EmulatorModule;
    try {
      // A variable specifier keeps bundlers and TypeScript from treating the optional peer as required.
      const specifier = '@tokenflow/emulator';
      emulatorModule = (await import(specifier)) as EmulatorModule;
    } catch (error) {
      this.#started = undefined;
      throw new TokenflowError(
        'offline_unavailable',
        'createGateway({ offline: true }) needs the @tokenflow/emulator package, which is not installed. ' +
          'Install it (npm install @tokenflow/emulator) to run offline, or set TOKENOFF_API_KEY to call TokenOff.',
        { cause: error },
      );
    }
    const emulator = await emulatorModule.startEmulator({
      host: '127.0.0.1',
      port: 0,
      apiKeys: [offlineEmulatorKey],
    });
    this.#notice(
      `tokenflow: offline: model calls go to the built-in emulator at ${emulator.url} ` +
        '(simulated answers, not TokenOff; costs are what TokenOff would charge).',
    );
    return emulator;
  }
}
