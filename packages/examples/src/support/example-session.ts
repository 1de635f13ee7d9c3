import { parseArgs } from 'node:util';
import { connectTokenOff } from '@tokenflow/cli/connection';
import { createGateway, type GatewayEvent, type ModelGateway } from '@tokenflow/core';
import { loadFaultsFile } from '@tokenflow/emulator';

/** A gateway for an example script, offline by default, and a way to end it with a usage report. */
export interface ExampleSession {
  gateway: ModelGateway;
  offline: boolean;
  /** Prints which model served how many calls, tokens and cost, then releases the gateway. */
  finish(): Promise<void>;
}

/**
 * Connects an example to TokenOff (`TOKENOFF_API_KEY` set) or to an in-process emulator (not set).
 * `--emulator-faults FILE` injects emulator faults (offline only), e.g. faults/pro-overloaded.json,
 * to watch the gateway retry and fall back.
 */
export async function startExampleSession(
  argv: readonly string[] = process.argv.slice(2),
): Promise<ExampleSession> {
  const { values } = parseArgs({
    args: argv.filter((argument) => argument !== '--'), // npm run passes a literal `--` through
    options: { 'emulator-faults': { type: 'string' } },
    allowPositionals: true,
    strict: false, // each example has options of its own
  });
  const faultsFile = typeof values['emulator-faults'] === 'string' ? values['emulator-faults'] : undefined;
  const faults = faultsFile === undefined ? undefined : (await loadFaultsFile(faultsFile)).models;
  const connection = await connectTokenOff(
    { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() },
    faults === undefined ? {} : { faults },
  );
  const gateway = createGateway({ apiKey: connection.apiKey, baseUrl: connection.baseUrl });
  gateway.on((event: GatewayEvent) => {
    if (event.type === 'model-fallback') {
      console.log(`  [gateway] ${event.from} -> ${event.to} (${event.reason})`);
    } else if (event.type === 'model-retry') {
      console.log(`  [gateway] retrying ${event.model} in ${event.delayMs} ms (${event.error.kind})`);
    }
  });
  return {
    gateway,
    offline: connection.offline,
    async finish() {
      const usage = gateway.usage();
      console.log('\nModel calls:');
      for (const [model, totals] of Object.entries(usage.models)) {
        console.log(
          `  ${model.padEnd(24)} ${String(totals.responses).padStart(3)} served, ${String(totals.failures).padStart(2)} failed  ` +
            `${totals.usage.inputTokens} in / ${totals.usage.outputTokens} out (${totals.usage.reasoningTokens} thinking)  $${totals.costUsd.toFixed(6)}`,
        );
      }
      console.log(
        `  total cost $${usage.costUsd.toFixed(6)}${connection.offline ? ' (what TokenOff would charge; offline runs are free)' : ''}`,
      );
      await gateway.close();
      await connection.close();
    },
  };
}
