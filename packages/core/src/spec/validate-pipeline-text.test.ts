import { describe, expect, it } from 'vitest';
import { formatSpecIssue } from './spec-issue.js';
import { createTestToolRegistry } from './test-support/test-tool-registry.js';
import { validatePipelineText } from './validate-pipeline-text.js';

const tools = createTestToolRegistry();

function issuesOf(text: string): string[] {
  return validatePipelineText(text, { tools, file: 'p.yaml' }).issues.map(formatSpecIssue);
}

describe('validatePipelineText', () => {
  it('points at references inside multi-line prompts and names unknown filters', () => {
    const text = `name: blocks
input:
  fields: { text: string }
steps:
  - id: ask
    kind: llm
    prompt: |
      First line.
        Indented {{ input.txet }} and {{ input.text | shout }}
`;
    expect(issuesOf(text)).toEqual([
      'p.yaml:9:21: input.txet does not exist: the input has no field "txet"; did you mean "text"?',
      'p.yaml:9:55: unknown filter "shout" (in template "First line...."); expected one of: "json", "join", "upper", "lower", "trim", "truncate", "default", "length"',
    ]);
  });

  it('checks full JSON Schemas for misspelled keywords, unknown types and required fields', () => {
    const text = `name: schemas
input:
  id: doc
  schema:
    type: object
    propertes: { id: { type: string } }
steps:
  - id: ask
    kind: llm
    prompt: x
    output_schema:
      type: object
      properties: { ok: { type: bool } }
      required: [ok, reason]
`;
    expect(issuesOf(text)).toEqual([
      'p.yaml:6:5: unknown JSON Schema keyword "propertes"; did you mean "properties"?',
      'p.yaml:13:33: unknown JSON Schema type "bool"; did you mean "boolean"?',
      'p.yaml:14:22: required field "reason" is not in "properties"; expected one of: "ok"',
    ]);
  });

  it('requires the row id to be a declared input field and refuses both fields and schema', () => {
    const text = `name: ids
input:
  id: docid
  fields: { doc_id: string }
  schema: { type: object }
steps:
  - { id: a, kind: llm, prompt: x }
`;
    expect(issuesOf(text)).toEqual([
      'p.yaml:3:7: the row id field "docid" is not one of the input fields; did you mean "doc_id"?',
      'p.yaml:5:3: input declares both "fields" and "schema"; keep one: "fields" (compact notation) or "schema" (JSON Schema)',
    ]);
  });

  it('scopes map bodies: item and earlier body steps inside, only the map result outside', async () => {
    const text = `name: scoped
input:
  fields: { docs: [ { title: string, body: string } ] }
steps:
  - id: per_doc
    kind: map
    over: "{{ input.docs }}"
    steps:
      - { id: short, kind: llm, prompt: "{{ item.title }} {{ item.body | truncate(100) }}", output: { line: string } }
      - { id: check, kind: llm, prompt: "{{ steps.short.line }} {{ item.titel }}" }
  - id: after
    kind: llm
    prompt: "{{ steps.per_doc | length }} {{ steps.short.line }}"
`;
    expect(issuesOf(text)).toEqual([
      'p.yaml:10:68: item.titel does not exist: the mapped element has no field "titel"; did you mean "title"?',
      'p.yaml:13:46: steps.short is not available here: step "short" runs later or inside another step (steps can only use results of steps before them); move the step earlier, or refer to an earlier step',
    ]);
  });

  it('explains malformed values with the accepted forms', () => {
    const text = `name: "my pipeline"
steps:
  - id: 1st
    kind: tool
    tool: 42
  - id: b
    kind: branch
    when: { value: "{{ steps.a }}" }
    then: []
`;
    expect(issuesOf(text)).toEqual([
      'p.yaml:1:7: "name" at the top level must be letters, digits, _, . and -, found "my pipeline" (a string)',
      'p.yaml:3:9: "id" in step "1st" must be letters, digits and _, not starting with a digit, found "1st" (a string)',
      'p.yaml:5:11: "tool" in step "1st" has an unexpected form, found 42 (a number); expected: A tool name, or { name, options }.',
      'p.yaml:9:11: "then" in step "b" must have at least 1 item, found a list of 0',
    ]);
  });

  it('requires a test in every condition', () => {
    const text = `name: conditions
steps:
  - { id: a, kind: llm, prompt: x, output: { n: number } }
  - id: b
    kind: branch
    when: { any: [{ value: "{{ steps.a.n }}", gt: 3 }, { value: "{{ steps.a.n }}" }] }
    then: [{ id: c, kind: llm, prompt: y }]
`;
    expect(issuesOf(text)).toEqual([
      'p.yaml:6:56: this condition has a value but no test; add one of: equals, not_equals, in, not_in, gt, gte, lt, lte, exists',
    ]);
  });

  it('refuses a template that tries to reach prototypes', () => {
    const text = `name: proto
steps:
  - { id: a, kind: llm, prompt: "{{ input.constructor.prototype }}" }
`;
    expect(issuesOf(text)).toEqual([
      'p.yaml:3:37: "constructor" is not allowed in a template path (in template "{{ input.constructor.prototype }}"); name a field of your data',
    ]);
  });

  it('refuses step ids that would name object prototypes at run time', () => {
    const text =
      'name: ids\nsteps:\n  - { id: __proto__, kind: llm, prompt: x }\n  - { id: constructor, kind: llm, prompt: x }\n';
    expect(issuesOf(text)).toEqual([
      'p.yaml:3:11: "id" in step "__proto__" must be a name other than __proto__, constructor or prototype, found "__proto__" (a string)',
      'p.yaml:4:11: "id" in step "constructor" must be a name other than __proto__, constructor or prototype, found "constructor" (a string)',
    ]);
  });

  it('names the single step of a map by the map', () => {
    const text =
      'name: m\nsteps:\n  - id: each\n    kind: map\n    over: "{{ input.list }}"\n    step: { kind: llm, promt: x }\n';
    expect(issuesOf(text)).toEqual([
      'p.yaml:6:24: unknown key "promt" in the step of map "each"; did you mean "prompt"?',
    ]);
  });

  it('says what a pipeline file is when it holds something else', () => {
    expect(issuesOf('- just\n- a list\n')).toEqual([
      'p.yaml:1:1: a pipeline file must be a mapping with name: and steps:, found a list of 2; see the example in the spec README',
    ]);
    expect(issuesOf('name: only\n')).toEqual([
      'p.yaml:1:1: missing "steps" at the top level (expected a list); add steps: ...',
    ]);
  });

  it('names a missing key and where it is missing', () => {
    expect(issuesOf('name: m\nsteps:\n  - { id: a, kind: llm }\n  - { id: b }\n')).toEqual([
      'p.yaml:3:5: missing "prompt" in step "a" (expected a string); add prompt: ...',
      'p.yaml:4:5: missing "kind" in step "b" (one of "llm", "tool", "agent", "map", "parallel", "branch"); add kind: llm',
    ]);
  });
});
