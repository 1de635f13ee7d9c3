import type { ModelInfo } from '@tokenflow/core/models';
import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';

const price = (value: number | undefined): string => (value === undefined ? '-' : `$${value}`);
const thousands = (value: number): string => value.toLocaleString('en-US');

function thinkingText(model: ModelInfo): string {
  const { thinking } = model;
  const range = thinking.budget
    ? `budget ${thinking.budget.min}-${thinking.budget.max}`
    : `levels ${(thinking.levels ?? []).join('/')}`;
  return `${thinking.onByDefault ? 'on' : 'off'} by default, ${thinking.canDisable ? 'can be turned off' : 'always on'}, ${range}`;
}

/** `tokenflow models`: the catalog with context, prices, thinking controls, default limits and fallbacks. */
export function modelsCommand(io: CliIo): Command {
  return new Command('models')
    .description(
      'List the TokenOff models tokenflow knows: limits, prices per 1M tokens, thinking, fallbacks.',
    )
    .option('--json', 'print the catalog as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ tokenflow models\n  $ tokenflow models --json | jq \'.["gemini-2.5-pro"].pricing\'',
    )
    .action(async (flags: { json?: boolean }) => {
      const [{ defaultFallbackChains }, { defaultModelCatalog }] = await Promise.all([
        import('@tokenflow/core/gateway'),
        import('@tokenflow/core/models'),
      ]);
      const chains = defaultFallbackChains(defaultModelCatalog);
      if (flags.json) {
        const withChains = Object.fromEntries(
          Object.entries(defaultModelCatalog).map(([id, info]) => [
            id,
            { ...info, fallback: chains[id] ?? [] },
          ]),
        );
        io.stdout.write(`${JSON.stringify(withChains, null, 2)}\n`);
        return;
      }
      const lines = [
        'model                    context    max out  input/1M  output/1M  cached/1M  rpm    tpm        concurrency',
      ];
      for (const model of Object.values(defaultModelCatalog)) {
        const { pricing, limits } = model;
        const long = pricing.longContextThreshold
          ? ` (>${thousands(pricing.longContextThreshold)} prompt tokens: ${price(pricing.longInputPerMillion)} / ${price(pricing.longOutputPerMillion)})`
          : '';
        lines.push(
          `${model.id.padEnd(24)} ${thousands(model.contextWindow).padStart(9)}  ${thousands(model.maxOutputTokens).padStart(7)}  ` +
            `${price(pricing.inputPerMillion).padStart(8)}  ${price(pricing.outputPerMillion).padStart(9)}  ` +
            `${price(pricing.cachedInputPerMillion).padStart(9)}  ${String(limits.rpm).padEnd(5)}  ` +
            `${thousands(limits.tpm).padEnd(9)}  ${limits.concurrency}`,
          `    thinking: ${thinkingText(model)}; falls back to: ${(chains[model.id] ?? []).join(' -> ') || '(none)'}${long}`,
        );
      }
      lines.push(
        '',
        'Prices are USD per 1M tokens; output includes thinking tokens. Limits are tokenflow defaults, not your',
        "account's quota: set them per model in a pipeline's models.limits or in createGateway({ limits }).",
      );
      io.stdout.write(`${lines.join('\n')}\n`);
    });
}
