import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createTestToolRegistry } from './test-support/test-tool-registry.js';
import { validatePipelineText } from './validate-pipeline-text.js';

const tools = createTestToolRegistry();

const valid = `name: fuzz
input:
  fields: { text: string, tags: "string[]" }
steps:
  - id: chunks
    kind: tool
    tool: { name: chunk_text, options: { size: 100 } }
    input: { text: "{{ input.text }}" }
    output: { chunks: "string[]" }
  - id: each
    kind: map
    over: "{{ steps.chunks.chunks }}"
    step: { kind: llm, prompt: "{{ item | truncate(50) }}", output: { bullets: "string[]" } }
  - id: route
    kind: branch
    when: { value: "{{ steps.each | length }}", gt: 1 }
    then: [{ id: final, kind: llm, prompt: "{{ steps.each | json }}", output: { title: string } }]
output: { title: "{{ steps.final.title }}" }
`;

/** Every issue must point inside the text and say something. */
function expectWellFormed(text: string): void {
  const result = validatePipelineText(text, { tools, file: 'fuzz.yaml' });
  const lines = text.split('\n').length;
  for (const issue of result.issues) {
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.line).toBeLessThanOrEqual(lines + 1);
    expect(issue.column).toBeGreaterThanOrEqual(1);
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

describe('validating untrusted text', () => {
  it('never throws on random text, and every issue points inside it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab:-[]{}|>&*!#"\' \n\t?,%@`'.split('')), maxLength: 200 }),
        (text) => {
          expectWellFormed(text);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('never throws on a valid pipeline with one character changed, removed or inserted', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: valid.length - 1 }),
        fc.constantFrom('', ' ', ':', '-', '[', ']', '{', '}', '"', '|', '\n', '*', '&', 'x', '.'),
        fc.constantFrom('replace', 'insert'),
        (position, char, mode) => {
          const mutated =
            mode === 'replace'
              ? valid.slice(0, position) + char + valid.slice(position + 1)
              : valid.slice(0, position) + char + valid.slice(position);
          expectWellFormed(mutated);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('never throws on arbitrary data written as YAML, and never pollutes Object.prototype', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expectWellFormed(stringify({ name: 'x', steps: value }));
        expectWellFormed(stringify(value));
      }),
      { numRuns: 150, seed: 3 },
    );
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
