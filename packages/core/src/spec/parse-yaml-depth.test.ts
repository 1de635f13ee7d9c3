import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeYamlSafely, parseYamlSafely } from './parse-yaml-safely.js';
import { scanYamlSource } from './scan-yaml-source.js';
import { formatSpecIssue } from './spec-issue.js';
import { resolveYamlLimits } from './yaml-limits.js';

const limits = resolveYamlLimits();
const tooDeep = 'the document is nested more than 64 levels deep here';
const problems = (source: string) => parseYamlSafely(source, 'p.yaml').issues.map(formatSpecIssue);
const flowSeq = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** The tricks that got deep nesting past the pre-parse scan, each 20,000 levels deep. */
const tricks = {
  'an anchor before the brackets (x: &a [[[…)': `x: &a ${flowSeq(20_000)}\n`,
  'a tag before the brackets (x: !t [[[…)': `x: !t ${flowSeq(20_000)}\n`,
  'a quote inside a plain flow scalar ([a"b, [[[…)': `x: [a"b, ${flowSeq(20_000)}]\n`,
  'explicit keys nested on one line (? ? ? x)': `${'? '.repeat(20_000)}x\n`,
};

describe('parseYamlSafely depth limit', () => {
  it.each(Object.entries(tricks))('refuses deep nesting behind %s in the pre-parse scan', (_, source) => {
    expect(scanYamlSource(source, limits)?.kind).toBe('nesting_too_deep');
    const found = problems(source);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^p\\.yaml:1:\\d+: ${tooDeep}; flatten the structure`));
  });

  it('points at the first level past the limit', () => {
    // `x:` is level 1, so the 64th bracket is level 65.
    expect(problems(`x: &a ${flowSeq(100)}\n`)[0]).toMatch(/^p\.yaml:1:70: /);
    expect(problems(`x: [a"b, ${flowSeq(100)}]\n`)[0]).toMatch(/^p\.yaml:1:72: /);
    expect(problems(`${'? '.repeat(100)}x\n`)[0]).toMatch(/^p\.yaml:1:127: /);
  });

  it('still refuses deep nesting that gets past the scan, with its position, never as a stack overflow', () => {
    for (const source of Object.values(tricks)) {
      const { issues } = composeYamlSafely(source, 'p.yaml', limits);
      expect(issues.map(formatSpecIssue)).toEqual([
        expect.stringMatching(new RegExp(`^p\\.yaml:1:\\d+: ${tooDeep};`)),
      ]);
    }
  });

  it('counts the levels an alias brings in, and points at the alias', () => {
    const source = `a: &a ${flowSeq(40)}\nb: ${'['.repeat(40)}*a${']'.repeat(40)}\n`;
    expect(problems(source)).toEqual([
      `p.yaml:2:44: ${tooDeep}; flatten the structure; pipelines never need this much nesting`,
    ]);
  });

  it('never reports a stack overflow for nested flow and block structures, and refuses every one past the limit', () => {
    const decoration = fc.constantFrom('', '', '&a ', '!t ', '!!seq ');
    const sibling = fc.constantFrom('', '', 'a"b, ', "it's, ", '"q[[", ', "'[{', ", '*x, ', 'a # [[\n  , ');
    const flowLevel = fc.record({
      kind: fc.constantFrom('seq', 'map', 'json-map'),
      decoration,
      sibling,
    });
    const blockLevel = fc.constantFrom('dash', 'question', 'key', 'key-after-block-scalar');
    const document = fc.record({
      block: fc.array(blockLevel, { maxLength: 80 }),
      flow: fc.oneof(
        fc.array(flowLevel, { maxLength: 80 }),
        fc
          .array(flowLevel, { minLength: 1, maxLength: 3 })
          .chain((pattern) =>
            fc
              .integer({ min: 100, max: 6000 })
              .map((depth) =>
                Array.from(
                  { length: depth },
                  (_, i) => pattern[i % pattern.length] as (typeof pattern)[number],
                ),
              ),
          ),
      ),
    });
    fc.assert(
      fc.property(document, ({ block, flow }) => {
        const source = renderYaml(block, flow);
        const issues = parseYamlSafely(source, 'p.yaml').issues;
        for (const issue of issues) expect(issue.message).not.toMatch(/call stack|recursion/i);
        const depth = block.length + flow.length;
        if (depth > limits.maxDepth) {
          expect(issues.map((issue) => issue.code)).toEqual(['nesting_too_deep']);
        } else if (depth <= limits.maxDepth - 4) {
          expect(issues.map((issue) => issue.code)).not.toContain('nesting_too_deep');
        }
      }),
      { numRuns: 150 },
    );
  });
});

type FlowLevel = { kind: 'seq' | 'map' | 'json-map'; decoration: string; sibling: string };
type BlockLevel = 'dash' | 'question' | 'key' | 'key-after-block-scalar';

/** YAML text nested `block.length + flow.length` levels: block levels outside, flow levels inside. */
function renderYaml(block: BlockLevel[], flow: FlowLevel[]): string {
  const lines: string[] = ['x: &x 1', 'doc:'];
  let prefix = '  ';
  for (const level of block) {
    if (level === 'dash') prefix += '- ';
    else if (level === 'question') prefix += '? ';
    else {
      const column = prefix.length;
      if (level === 'key-after-block-scalar') {
        lines.push(`${prefix}s: |`, `${' '.repeat(column + 2)}text with [[{ "' and - dashes`);
        prefix = ' '.repeat(column);
      }
      lines.push(`${prefix}k:`);
      prefix = ' '.repeat(column + 2);
    }
  }
  let text = '';
  const closers: string[] = [];
  for (const level of flow) {
    text += level.decoration;
    if (level.kind === 'seq') {
      text += `[${level.sibling}`;
      closers.push(']');
    } else if (level.kind === 'map') {
      text += `{s: ${level.sibling.replace(/,\s*$/, '')}, k: `.replace('{s: , ', '{');
      closers.push('}');
    } else {
      text += '{"k":';
      closers.push('}');
    }
  }
  lines.push(`${prefix}${text}v${closers.reverse().join('')}`);
  return `${lines.join('\n')}\n`;
}
