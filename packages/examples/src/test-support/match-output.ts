/**
 * Compares what a README sample printed with what the README shows, after taking out what changes from
 * run to run: ports, durations, speeds, folders, and the timed `progress` lines of a batch run.
 */
export function normaliseOutput(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes, should a terminal be assumed
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line) => !line.startsWith('progress '))
      .join('\n')
      .replace(/(https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])):\d+/g, '$1:<port>')
      .replace(/ETA \S+/g, 'ETA <time>')
      .replace(/\b\d[\d,.]* rows\/s\b/g, '<speed> rows/s')
      .replace(/\b\d[\d,.]*\s?(ms|s)\b/g, '<time>')
      // An absolute path keeps only its last part: the README shows one machine's folders.
      .replace(/(^|[\s'"(=])\/(?:[^\s/'"]+\/)+/gm, '$1<dir>/')
      .trim()
  );
}

/**
 * Whether `actual` matches the README's `expected`, both normalised. In `expected`, a line that is only
 * `...` stands for any number of lines, and `...` inside a line for any text on that line.
 */
export function matchesExpectedOutput(actual: string, expected: string): boolean {
  const pattern = normaliseOutput(expected)
    .split('\n')
    .map((line) =>
      line.trim() === '...'
        ? '(?:[^\\n]*\\n)*?'
        : `${line
            .split('...')
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^\\n]*')}\\n`,
    )
    .join('');
  return new RegExp(`^${pattern}$`).test(`${normaliseOutput(actual)}\n`);
}
