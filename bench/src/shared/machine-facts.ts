import { cpus, loadavg } from 'node:os';

/** One line of machine facts for a result file: date, Node, CPUs, load average now. */
export function machineFacts(): string {
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');
  return `${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, ${cpus().length} CPU(s), load average (1/5/15 min) ${load}`;
}

/** A Markdown table from a header and rows of cells. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`,
  ];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

/** `list` starting at index `by` (mod its length), wrapping around: turns taken in rounds. */
export function rotated<T>(list: readonly T[], by: number): T[] {
  const start = list.length === 0 ? 0 : by % list.length;
  return [...list.slice(start), ...list.slice(0, start)];
}
