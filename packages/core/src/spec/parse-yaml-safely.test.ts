import { describe, expect, it } from 'vitest';
import { parseYamlSafely } from './parse-yaml-safely.js';
import { formatSpecIssue } from './spec-issue.js';

function problems(source: string, limits?: Parameters<typeof parseYamlSafely>[2]): string[] {
  return parseYamlSafely(source, 'p.yaml', limits).issues.map(formatSpecIssue);
}

describe('parseYamlSafely', () => {
  it('returns plain data and remembers where each key and value is', () => {
    const parsed = parseYamlSafely(
      'name: demo\nsteps:\n  - id: first\n    prompt: "Hi {{ input.x }}"\n',
      'p.yaml',
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.value).toEqual({ name: 'demo', steps: [{ id: 'first', prompt: 'Hi {{ input.x }}' }] });
    expect(parsed.locator.valueAt(['steps', 0, 'prompt'])).toEqual({ line: 4, column: 13 });
    expect(parsed.locator.keyAt(['steps', 0, 'prompt'])).toEqual({ line: 4, column: 5 });
    expect(parsed.locator.positionInValue(['steps', 0, 'prompt'], 'Hi {{ input.x }}', 6)).toEqual({
      line: 4,
      column: 20,
    });
  });

  it('maps offsets inside a literal block to their line and column', () => {
    const parsed = parseYamlSafely('prompt: |\n  first line\n    second {{ x }}\n', 'p.yaml');
    const text = 'first line\n  second {{ x }}\n';
    expect(parsed.locator.positionInValue(['prompt'], text, text.indexOf('x }}'))).toEqual({
      line: 3,
      column: 15,
    });
  });

  it('stops an alias bomb (billion laughs) after a bounded number of values', () => {
    let bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
    let previous = 'a';
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      bomb += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
      previous = name;
    }
    const parsed = parseYamlSafely(bomb, 'p.yaml');
    expect(parsed.value).toBeUndefined();
    expect(parsed.issues.map(formatSpecIssue)).toEqual([
      'p.yaml:5:24: the document expands to more than 50000 values (aliases count each time they are used); remove the repeated aliases (*name); this looks like an alias bomb',
    ]);
  });

  it('refuses a document with too many values even without aliases', () => {
    const many = Array.from(
      { length: 60 },
      (_, index) => `k${index}: [${Array(9).fill('x').join(', ')}]`,
    ).join('\n');
    expect(problems(many, { maxNodes: 500 })).toEqual([
      'p.yaml:50:31: the document expands to more than 500 values (aliases count each time they are used); split the pipeline; no pipeline needs this many values',
    ]);
  });

  it('still accepts a few ordinary aliases', () => {
    const parsed = parseYamlSafely('common: &rules Be brief.\na: *rules\nb: *rules\n', 'p.yaml');
    expect(parsed.issues).toEqual([]);
    expect(parsed.value).toEqual({ common: 'Be brief.', a: 'Be brief.', b: 'Be brief.' });
  });

  it('refuses an alias used inside its own anchor instead of looping', () => {
    expect(problems('a: &x [1, *x]\n')).toEqual([
      'p.yaml:1:11: alias *x is used inside its own anchor; remove the alias',
    ]);
  });

  it('refuses deep flow nesting before parsing, so the parser never recurses that deep', () => {
    const deep = `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(problems(deep)).toEqual([
      'p.yaml:1:67: the document is nested more than 64 levels deep here; flatten the structure; pipelines never need this much nesting',
    ]);
  });

  it('refuses deep block nesting and compact sequences (- - - x) before parsing', () => {
    const block = Array.from({ length: 200 }, (_, depth) => `${' '.repeat(depth * 2)}k${depth}:`).join('\n');
    expect(problems(block)[0]).toMatch(
      /^p\.yaml:65:129: the document is nested more than 64 levels deep here/,
    );
    expect(problems(`${'- '.repeat(5000)}x\n`)[0]).toMatch(
      /^p\.yaml:1:127: the document is nested more than 64/,
    );
  });

  it('does not count brackets inside quoted strings, block scalars, comments or plain text as nesting', () => {
    const brackets = '['.repeat(100);
    const source = `a: |\n  ${brackets}\nb: "${brackets}"\nc: x${brackets}\n# ${brackets}\nd: '${brackets}'\n`;
    expect(problems(source)).toEqual([]);
  });

  it('refuses a file over the size limit without parsing it', () => {
    expect(problems('a: 1\n'.repeat(30), { maxSourceLength: 100 })).toEqual([
      'p.yaml:1:1: the file is 150 characters long, more than the limit of 100; split the pipeline, or move long texts into the input data',
    ]);
  });

  it('refuses a huge string value with its position', () => {
    expect(problems(`a: ok\nb: ${'x'.repeat(300)}\n`, { maxScalarLength: 256 })).toEqual([
      'p.yaml:2:4: this string is 300 characters long, more than the limit of 256; move long texts into the input data',
    ]);
  });

  it('refuses __proto__, constructor and prototype keys and never touches Object.prototype', () => {
    const source =
      '__proto__: { polluted: yes }\nnested:\n  constructor: { prototype: { polluted: yes } }\n  prototype: 1\nok: 1\n';
    expect(problems(source)).toEqual([
      'p.yaml:1:1: the key "__proto__" is not allowed (it could alter JavaScript object prototypes); rename the key',
      'p.yaml:3:3: the key "constructor" is not allowed (it could alter JavaScript object prototypes); rename the key',
      'p.yaml:4:3: the key "prototype" is not allowed (it could alter JavaScript object prototypes); rename the key',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('reports a duplicate key with the positions of both', () => {
    expect(problems('name: a\nsteps: []\nname: b\n')).toEqual([
      'p.yaml:3:1: duplicate key "name" (first defined at line 1, column 1); remove one of them or merge their values',
    ]);
  });

  it('refuses keys that are not strings', () => {
    expect(problems('1: one\ntrue: yes\n? [a, b]\n: list\n')).toEqual([
      'p.yaml:1:1: mapping keys must be plain strings, found number 1; quote the key: "1"',
      'p.yaml:2:1: mapping keys must be plain strings, found boolean true; quote the key: "true"',
      'p.yaml:3:3: mapping keys must be plain strings, found a collection; use a plain word as the key',
    ]);
  });

  it('refuses custom and language tags such as !!js/function', () => {
    expect(problems('a: !!js/function "function () { return 1 }"\nb: !custom 1\nc: !!binary aGk=\n')).toEqual(
      [
        'p.yaml:1:18: YAML tags are not allowed, found !!js/function; remove the tag; write the value as plain data (quote it to make it a string)',
        'p.yaml:2:12: YAML tags are not allowed, found !custom; remove the tag; write the value as plain data (quote it to make it a string)',
        'p.yaml:3:13: YAML tags are not allowed, found !!binary; remove the tag; write the value as plain data (quote it to make it a string)',
      ],
    );
  });

  it('refuses a file with more than one YAML document', () => {
    expect(problems('a: 1\n---\nb: 2\n')).toEqual([
      'p.yaml:2:1: YAML syntax error: Source contains multiple documents; use one document per file',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problems('a: [1, 2\nb: 3\n')[0]).toMatch(/^p\.yaml:\d+:\d+: YAML syntax error: /);
  });
});
