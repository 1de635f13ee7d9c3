import { describe, expect, it } from 'vitest';
import { pipelineFingerprint } from './pipeline-fingerprint.js';
import { createTestToolRegistry } from './test-support/test-tool-registry.js';
import { validatePipelineText } from './validate-pipeline-text.js';

const tools = createTestToolRegistry();

function fingerprintOf(text: string): string {
  const { pipeline, issues } = validatePipelineText(text, { tools });
  expect(issues).toEqual([]);
  return pipelineFingerprint(pipeline?.spec ?? { name: '', steps: [] });
}

const base = `name: p
steps:
  - id: ask
    kind: llm
    prompt: "Summarize {{ input.text }}"
    temperature: 0.2
`;

describe('pipelineFingerprint', () => {
  it('ignores comments, formatting, key order, anchors and the $schema line', () => {
    const reformatted = `# a comment
$schema: ./schema.json
steps: [ { kind: llm, temperature: 0.2, id: ask, prompt: &p "Summarize {{ input.text }}" } ]
name: p   # trailing comment
`;
    expect(fingerprintOf(reformatted)).toBe(fingerprintOf(base));
  });

  it('ignores the descriptions of the pipeline and its steps, which change nothing a run does', () => {
    const described = base
      .replace('name: p\n', 'name: p\ndescription: Summaries\n')
      .replace('    kind: llm\n', '    kind: llm\n    description: the only step\n');
    expect(described).not.toBe(base);
    expect(fingerprintOf(described)).toBe(fingerprintOf(base));
  });

  it('changes when anything the pipeline does changes', () => {
    const original = fingerprintOf(base);
    expect(fingerprintOf(base.replace('0.2', '0.3'))).not.toBe(original);
    expect(fingerprintOf(base.replace('Summarize', 'Summarise'))).not.toBe(original);
    expect(fingerprintOf(`${base}    model: gemini-2.5-pro\n`)).not.toBe(original);
  });

  it('is a sha256 of stable JSON', () => {
    expect(fingerprintOf(base)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('keeps the fingerprint batch journals already hold (same as the former canonicalJson)', () => {
    const text = `${base}    output_schema:
      type: object
      properties:
        b: { type: string, description: "x" }
        a: { type: array, items: { type: number } }
`;
    expect(fingerprintOf(text.replace('input.text }}"', 'input.text }} é \\u2028"'))).toBe(
      'sha256:c8727e073867ba494042140f47ffc1c3ea2063bdb44ce88ff3d26dbf1fb5f37b',
    );
  });
});
