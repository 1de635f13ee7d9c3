import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@tokenflow/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokenflow-validate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function validate(name: string, yaml: string) {
  await writeFile(join(dir, name), yaml);
  return runCli(['validate', name], { cwd: dir });
}

const header = `input:
  id: ticket_id
  fields: { ticket_id: string, text: string }
`;

describe('tokenflow validate: every class of pipeline error, with file:line:col', () => {
  it('says a valid file is valid and exits 0', async () => {
    const result = await validate(
      'ok.yaml',
      `name: ok\n${header}steps:\n  - id: triage\n    kind: llm\n    prompt: "Classify {{ input.text }}"\n    output: { category: billing|bug|other }\n`,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('ok.yaml: valid\n');
  });

  it('lists every problem at once: unknown keys, types, models, fields, steps, tools, duplicates', async () => {
    const result = await validate(
      'many.yaml',
      `name: many
modles: { default: gemini-2.5-pro }
${header}steps:
  - id: triage
    kind: llm
    model: gemini-2.5-prro
    prompt: "Classify: {{ input.txt }}"
    output: { category: billing|bug|other }
  - id: second
    kind: llm
    temperature: hot
    prompt: "Go {{ steps.triage.categry }}"
  - id: lookup
    kind: tool
    tool: read_fiel
  - id: second
    kind: llm
    prompt: "{{ steps.later }}"
  - id: later
    kind: llm
    prompt: x
`,
    );
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n');
    const expected = [
      'many.yaml:2:1: unknown key "modles" at the top level; did you mean "models"?',
      'many.yaml:9:12: unknown model "gemini-2.5-prro"; did you mean "gemini-2.5-pro"?',
      'many.yaml:10:27: input.txt does not exist: the input has no field "txt"; did you mean "text"?',
      'many.yaml:14:18: "temperature" in step "second" must be a number, found "hot" (a string)',
      'many.yaml:18:11: unknown tool "read_fiel"; did you mean "read_file"?',
      'many.yaml:21:17: steps.later is not available here',
    ];
    for (const text of expected)
      expect(
        lines.some((line) => line.includes(text)),
        text,
      ).toBe(true);
  });

  it('reports duplicate step ids and misspelt fields of earlier steps', async () => {
    const result = await validate(
      'refs.yaml',
      `name: refs
${header}steps:
  - id: triage
    kind: llm
    prompt: "Classify {{ input.text }}"
    output: { category: billing|bug|other }
  - id: triage
    kind: llm
    prompt: "Go {{ steps.triage.categry }}"
`,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'refs.yaml:10:9: duplicate step id "triage" (first used at line 6, column 9)',
    );
    expect(result.stderr).toContain('refs.yaml:12:20: steps.triage.categry does not exist');
  });

  it('reports a YAML syntax error with its position', async () => {
    const result = await validate('syntax.yaml', 'name: x\nsteps:\n  - id: a\n    prompt: [unclosed\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/syntax\.yaml:\d+:\d+: YAML syntax error/);
  });

  it('refuses an alias bomb without expanding it', async () => {
    const rows = ['a: &a [x,x,x,x,x,x,x,x,x]'];
    for (let level = 1; level < 12; level += 1) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      rows.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const result = await validate('bomb.yaml', `${rows.join('\n')}\nname: bomb\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('this looks like an alias bomb');
  });

  it('refuses a deeply nested document before parsing it', async () => {
    const result = await validate('deep.yaml', `name: deep\nsteps: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nested more than 64 levels deep');
  });

  it('refuses duplicate keys and prototype keys', async () => {
    const result = await validate(
      'keys.yaml',
      'name: a\nname: b\n__proto__: { polluted: true }\nsteps:\n  - id: a\n    kind: llm\n    prompt: hi\n',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'keys.yaml:2:1: duplicate key "name" (first defined at line 1, column 1)',
    );
    expect(result.stderr).toContain('keys.yaml:3:1: the key "__proto__" is not allowed');
  });

  it('names a missing file', async () => {
    const result = await runCli(['validate', 'absent.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('absent.yaml');
  });

  it('never calls a model when `run` is given an invalid pipeline', async () => {
    const emulator = await startEmulator({ apiKeys: ['k-validate'] });
    try {
      await writeFile(join(dir, 'rows.jsonl'), '{"ticket_id":"1","text":"hi"}\n');
      await writeFile(
        join(dir, 'bad.yaml'),
        `name: bad\n${header}steps:\n  - id: a\n    kind: lm\n    prompt: hi\n`,
      );
      const result = await runCli(['run', 'bad.yaml', '-i', 'rows.jsonl', '-o', 'out.jsonl'], {
        cwd: dir,
        env: { TOKENOFF_API_KEY: 'k-validate', TOKENOFF_BASE_URL: emulator.url },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/bad\.yaml:\d+:\d+:/);
      expect(emulator.requests).toHaveLength(0);
    } finally {
      await emulator.close();
    }
  });
});
