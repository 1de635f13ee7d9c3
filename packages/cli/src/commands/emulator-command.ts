import { type EmulatorHandle, emulatorCommand } from '@tokenflow/emulator';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';

/** `tokenflow emulator`: the same server as the `tokenflow-emulator` binary, until Ctrl-C. */
export function emulatorSubcommand(io: CliIo, onStarted: (emulator: EmulatorHandle) => void): Command {
  return emulatorCommand(io, (emulator) => {
    io.onInterrupt?.(() => {
      void emulator.close();
    });
    onStarted(emulator);
  }).name('emulator');
}
