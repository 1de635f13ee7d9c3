import { isAbsolute, resolve } from 'node:path';
import type { UiServerHandle } from '@tokenflow/ui';
import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { wholeNumber } from '../support/parse-options.js';

/** `tokenflow ui [folder]`: the run viewer over a folder of runs, until Ctrl-C. Its URL is the first stdout line. */
export function uiCommand(io: CliIo, onStarted: (server: UiServerHandle) => void = () => {}): Command {
  return new Command('ui')
    .description(
      'Show the runs in a folder (output, errors, journal and trace files) on a local web page: progress, cost and tokens by model and step, retries over time, failed rows and their traces.',
    )
    .argument('[folder]', 'the folder holding the runs (searched a few levels deep)', '.')
    .option(
      '-p, --port <port>',
      'port to listen on; 0 picks a free one',
      wholeNumber('--port', 0, 65535),
      4777,
    )
    .option(
      '--host <host>',
      'interface to bind (anything but loopback lets the network read your run files)',
      '127.0.0.1',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ tokenflow run extract.yaml -i news.jsonl -o runs/news.jsonl --trace\n  $ tokenflow ui runs\n  $ tokenflow ui runs --port 0',
    )
    .action(async (folder: string, flags: { port: number; host: string }) => {
      const { startUiServer } = await import('@tokenflow/ui');
      const path = isAbsolute(folder) ? folder : resolve(io.cwd, folder);
      const server = await startUiServer({ folder: path, port: flags.port, host: flags.host });
      io.stdout.write(`${server.url}\n`);
      io.stderr.write(`tokenflow ui: showing the runs in ${path} at ${server.url}; Ctrl-C stops it.\n`);
      io.onInterrupt?.(() => {
        void server.close();
      });
      onStarted(server);
    });
}
