/**
 * Reads the fenced code blocks of a README and sorts them by what their info string says
 * (see CONTRIBUTING.md, "Samples in READMEs"):
 *
 * - ` ```ts run `: a program; the docs test runs it offline and compares its standard output with the
 *   next ` ```text output ` block, if there is one.
 * - ` ```console run `: `$ command` lines, each followed by the output it prints; `exit=N` expects that
 *   exit code (default 0).
 * - ` ```yaml file=NAME ` (any language): a file the run blocks of the same README can use.
 * - ` ```... output `: what the run block before it prints.
 * - ` ```... fragment `: deliberately partial or needs the network; not run.
 */

/** One fenced block, with its 1-based line number in the README. */
export interface FencedBlock {
  line: number;
  language: string;
  tags: ReadonlySet<string>;
  /** `file=NAME` and the like. */
  attributes: ReadonlyMap<string, string>;
  body: string;
}

export interface RunSample {
  readme: string;
  line: number;
  language: 'ts' | 'console';
  body: string;
  /** The README's `output` block for a ts sample. */
  expectedOutput?: { line: number; body: string };
  expectedExitCode: number;
}

export interface ReadmeSamples {
  readme: string;
  runs: RunSample[];
  files: { name: string; line: number; body: string }[];
  /** Blocks that carry no tag: a README must say of every block what it is. */
  untagged: FencedBlock[];
}

const tagWords = new Set(['run', 'output', 'fragment']);

/** Every fenced block of a Markdown text, in order. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[index] ?? '');
    if (open === null) continue;
    const [, indent = '', fence = '', info = ''] = open;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !isClosingFence(lines[end] ?? '', fence)) {
      const text = lines[end] ?? '';
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart());
      end++;
    }
    const words = info.trim().split(/\s+/).filter(Boolean);
    const language =
      words[0] !== undefined && !tagWords.has(words[0]) && !words[0].includes('=') ? words[0] : '';
    const tags = new Set(words.filter((word) => tagWords.has(word)));
    const attributes = new Map(
      words
        .filter((word) => word.includes('='))
        .map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] as const),
    );
    blocks.push({ line: index + 1, language, tags, attributes, body: body.join('\n') });
    index = end;
  }
  return blocks;
}

function isClosingFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith(fence) && /^(`+|~+)$/.test(trimmed) && trimmed[0] === fence[0];
}

/** The samples of one README: what to run, the files they use, and the blocks that say nothing. */
export function readmeSamples(readme: string, markdown: string): ReadmeSamples {
  const samples: ReadmeSamples = { readme, runs: [], files: [], untagged: [] };
  let last: RunSample | undefined;
  for (const block of fencedBlocks(markdown)) {
    const file = block.attributes.get('file');
    if (block.tags.has('run')) {
      const language = block.language === 'console' ? 'console' : block.language === 'ts' ? 'ts' : undefined;
      if (language === undefined) {
        throw new Error(
          `${readme}:${block.line}: a run block must be ts or console, found "${block.language}"`,
        );
      }
      last = {
        readme,
        line: block.line,
        language,
        body: block.body,
        expectedExitCode: Number(block.attributes.get('exit') ?? 0),
      };
      samples.runs.push(last);
    } else if (block.tags.has('output')) {
      if (last === undefined || last.language !== 'ts' || last.expectedOutput !== undefined) {
        throw new Error(
          `${readme}:${block.line}: an output block must follow a ts run block that has none yet`,
        );
      }
      last.expectedOutput = { line: block.line, body: block.body };
    } else if (file !== undefined) {
      samples.files.push({ name: file, line: block.line, body: `${block.body}\n` });
    } else if (!block.tags.has('fragment')) {
      samples.untagged.push(block);
    }
  }
  return samples;
}

/** A console block's commands, each with the output written under it. */
export function consoleCommands(body: string): { command: string; expected: string }[] {
  const commands: { command: string; expected: string[] }[] = [];
  for (const line of body.split('\n')) {
    if (line.startsWith('$ ')) commands.push({ command: line.slice(2).trim(), expected: [] });
    else commands.at(-1)?.expected.push(line);
  }
  return commands.map(({ command, expected }) => ({ command, expected: expected.join('\n') }));
}

/** Splits a command line into words: spaces separate, single or double quotes group. No expansion. */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of command.matchAll(pattern)) words.push(match[1] ?? match[2] ?? match[3] ?? '');
  return words;
}
