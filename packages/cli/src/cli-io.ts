/** A writable text stream; `isTTY` decides between the live progress bar and plain lines. */
export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Everything the CLI touches outside itself, so tests can run it in-process as well as as a binary. */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Registers a listener for Ctrl-C (SIGINT) and SIGTERM. */
  onInterrupt?: (listener: () => void) => void;
}
