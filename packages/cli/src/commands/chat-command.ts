import type { ServedCall } from '@tokenflow/core';
import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { type ExitCode, exitCodes } from '../exit-codes.js';

interface ChatFlags {
  model: string;
  system?: string;
  json?: boolean;
}

const examples = `
Examples:
  $ tokenflow chat "Explain exponential backoff in two sentences."
  $ tokenflow chat "Summarise: $(cat notes.txt)" --model gemini-2.5-flash
  $ tokenflow chat "Hello" --json`;

/** `tokenflow chat`: one quick call through the gateway (retries and fallback included), streamed. */
export function chatCommand(io: CliIo, setExitCode: (code: ExitCode) => void): Command {
  return new Command('chat')
    .description(
      'Send one prompt to a model and stream the answer (through the gateway: retries, fallback, cost).',
    )
    .argument('<prompt>', 'what to ask')
    .option('-m, --model <model>', 'the model (tokenflow models lists them)', 'gemini-2.5-flash')
    .option('-s, --system <text>', 'a system instruction')
    .option('--json', 'print the answer and its metadata as one JSON object')
    .addHelpText('after', examples)
    .action(async (prompt: string, flags: ChatFlags) => {
      // Loaded on use, so `tokenflow --help` and `tokenflow models` start fast.
      const [
        { HumanMessage, SystemMessage },
        { createGateway, servedCallKey, streamRestartKey },
        { connectTokenOff },
      ] = await Promise.all([
        import('@langchain/core/messages'),
        import('@tokenflow/core/gateway'),
        import('../support/tokenoff-connection.js'),
      ]);
      const connection = await connectTokenOff(io, { quiet: flags.json === true });
      const gateway = createGateway({ apiKey: connection.apiKey, baseUrl: connection.baseUrl });
      try {
        const model = gateway.chatModel(flags.model);
        const messages = [
          ...(flags.system ? [new SystemMessage(flags.system)] : []),
          new HumanMessage(prompt),
        ];
        let text = '';
        let served: ServedCall | undefined;
        for await (const chunk of await model.stream(messages)) {
          if (chunk.response_metadata?.[streamRestartKey]) {
            // The gateway restarted a broken stream on a model: drop the partial answer, never splice two.
            text = '';
            if (!flags.json)
              io.stdout.write('\n[the stream broke and was restarted; the answer follows again]\n');
          }
          const delta = typeof chunk.content === 'string' ? chunk.content : chunk.text;
          text += delta;
          if (!flags.json) io.stdout.write(delta);
          const meta = chunk.response_metadata?.[servedCallKey] as ServedCall | undefined;
          if (meta) served = meta;
        }
        if (flags.json) {
          io.stdout.write(`${JSON.stringify({ text, call: served ?? null }, null, 2)}\n`);
        } else {
          io.stdout.write('\n');
          if (served) {
            const { usage } = served;
            io.stderr.write(
              `[${served.model}${served.model === served.requestedModel ? '' : ` (fell back from ${served.requestedModel})`}: ` +
                `${usage.inputTokens} in, ${usage.outputTokens} out (${usage.reasoningTokens} thinking), $${served.costUsd.toFixed(6)}, ` +
                `${served.attempts} attempt${served.attempts === 1 ? '' : 's'}]\n`,
            );
          }
        }
        setExitCode(exitCodes.ok);
      } catch (error) {
        io.stderr.write(`tokenflow chat: ${error instanceof Error ? error.message : String(error)}\n`);
        setExitCode(exitCodes.rowsFailed);
      } finally {
        await gateway.close();
        await connection.close();
      }
    });
}
