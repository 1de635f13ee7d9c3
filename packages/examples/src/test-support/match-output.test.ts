import { describe, expect, it } from 'vitest';
import { matchesExpectedOutput, normaliseOutput } from './match-output.js';
import { consoleCommands, fencedBlocks, readmeSamples, splitCommand } from './readme-samples.js';

describe('comparing a sample output with the README', () => {
  it('accepts the same output with another port, duration, speed and folder', () => {
    const readme = [
      'emulator at http://127.0.0.1:39505/api',
      'progress 1/320 rows (0 failed), 2.5 rows/s, ETA 2m10s',
      'latency   p50 33 ms, p95 109 ms per row',
      'time      2.17 s wall, 147.3 rows/s',
      'output    /work/main/packages/examples/out/extract-yaml.jsonl',
    ].join('\n');
    const printed = [
      'emulator at http://127.0.0.1:41000/api',
      'latency   p50 812 ms, p95 1,109 ms per row',
      'time      561 ms wall, 5.3 rows/s',
      'output    /tmp/tokenflow-readme-x1/out/extract-yaml.jsonl',
    ].join('\n');
    expect(matchesExpectedOutput(printed, readme)).toBe(true);
  });

  it('refuses a changed number, word or line', () => {
    expect(matchesExpectedOutput('cost $0.1308\n', 'cost $0.1976')).toBe(false);
    expect(matchesExpectedOutput('Run completed.\nrows 3 done', 'Run completed.')).toBe(false);
    expect(matchesExpectedOutput('answer: neutral', 'answer: negative')).toBe(false);
  });

  it('lets "..." stand for any lines, or for any text within a line', () => {
    const readme = 'first\n...\nlast is ... here';
    expect(matchesExpectedOutput('first\nlast is 42 here', readme)).toBe(true);
    expect(matchesExpectedOutput('first\na\nb\nlast is 42 here', readme)).toBe(true);
    expect(matchesExpectedOutput('first\na\nlast was 42 here', readme)).toBe(false);
  });

  it('keeps the text of regular expression characters literal', () => {
    expect(normaliseOutput('a (b) [c] $1')).toBe('a (b) [c] $1');
    expect(matchesExpectedOutput('a (b) [c] $1', 'a (b) [c] $1')).toBe(true);
    expect(matchesExpectedOutput('a bb', 'a (b)')).toBe(false);
  });
});

describe('reading the samples of a README', () => {
  const markdown = [
    '# Title',
    '```ts run',
    "console.log('hi');",
    '```',
    'Some prose.',
    '```text output',
    'hi',
    '```',
    '```yaml file=p.yaml',
    'name: p',
    '```',
    '```console run exit=2',
    '$ tokenflow validate "my file.yaml"',
    'my file.yaml: 1 problem',
    '```',
    '```ts fragment',
    'partial(',
    '```',
    '```sh',
    'echo untagged',
    '```',
  ].join('\n');

  it('sorts blocks into runs with their output, files, fragments and untagged blocks', () => {
    const samples = readmeSamples('X.md', markdown);
    expect(samples.runs.map((run) => [run.line, run.language, run.expectedExitCode])).toEqual([
      [2, 'ts', 0],
      [12, 'console', 2],
    ]);
    expect(samples.runs[0]?.expectedOutput).toEqual({ line: 6, body: 'hi' });
    expect(samples.files).toEqual([{ name: 'p.yaml', line: 9, body: 'name: p\n' }]);
    expect(samples.untagged.map((block) => [block.line, block.language])).toEqual([[19, 'sh']]);
  });

  it('splits console blocks into commands and the output under each', () => {
    const body = fencedBlocks(markdown)[3]?.body ?? '';
    expect(consoleCommands(body)).toEqual([
      { command: 'tokenflow validate "my file.yaml"', expected: 'my file.yaml: 1 problem' },
    ]);
    expect(splitCommand('tokenflow validate "my file.yaml" --json')).toEqual([
      'tokenflow',
      'validate',
      'my file.yaml',
      '--json',
    ]);
  });

  it('refuses an output block that follows no ts sample', () => {
    expect(() => readmeSamples('X.md', '```text output\nhi\n```')).toThrow(/X\.md:1: an output block/);
  });
});
