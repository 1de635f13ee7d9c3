import { describe, expect, it } from 'vitest';
import { formatSpecIssue } from './spec-issue.js';
import { useTempPipelineDir } from './test-support/temp-pipeline-dir.js';
import { createTestToolRegistry } from './test-support/test-tool-registry.js';
import { validatePipelineFile } from './validate-pipeline-file.js';

const dir = useTempPipelineDir();
const tools = createTestToolRegistry();

async function issuesOf(text: string): Promise<string[]> {
  const file = await dir.write('pipeline.yaml', text);
  const result = await validatePipelineFile(file, { tools });
  expect(result.file).toBe(file);
  return result.issues.map((issue) => formatSpecIssue({ ...issue, file: 'pipeline.yaml' }));
}

const valid = `name: summarize
models:
  default: gemini-3-flash-preview
  fallback: [gemini-2.5-flash]
input:
  id: doc_id
  fields: { doc_id: string, text: string }
steps:
  - id: chunks
    kind: tool
    tool: { name: chunk_text, options: { size: 2000 } }
    input: { text: "{{ input.text }}" }
    output: { chunks: "string[]" }
  - id: summaries
    kind: map
    over: "{{ steps.chunks.chunks }}"
    step:
      kind: llm
      prompt: "Summarize: {{ item }}"
      output: { bullets: "string[]" }
  - id: final
    kind: llm
    model: gemini-3.1-pro-preview
    prompt: "Combine: {{ steps.summaries | json }}"
    output: { title: string, key_points: "string[]" }
output:
  doc_id: "{{ input.doc_id }}"
  title: "{{ steps.final.title }}"
`;

describe('validatePipelineFile', () => {
  it('accepts a valid pipeline and returns it checked', async () => {
    const file = await dir.write('pipeline.yaml', valid);
    const result = await validatePipelineFile(file, { tools });
    expect(result.issues).toEqual([]);
    expect(result.pipeline?.steps.map((step) => `${step.id}:${step.kind}`)).toEqual([
      'chunks:tool',
      'summaries:map',
      'final:llm',
    ]);
  });

  it('reports every problem of the file at once, in order, each with line:col and a suggestion', async () => {
    const broken = valid
      .replace('fallback: [gemini-2.5-flash]', 'fallback: [gemini-2.5-flsh]')
      .replace('name: chunk_text', 'name: chunk_txt')
      .replace('kind: map', 'kind: map\n    concurency: 4')
      .replace('"Combine: {{ steps.summaries | json }}"', '"Combine: {{ steps.sumaries | json }}"')
      .replace('title: "{{ steps.final.title }}"', 'title: "{{ steps.final.titel }}"');
    expect(await issuesOf(broken)).toEqual([
      'pipeline.yaml:4:14: unknown model "gemini-2.5-flsh"; did you mean "gemini-2.5-flash"?',
      'pipeline.yaml:11:19: unknown tool "chunk_txt"; did you mean "chunk_text"?',
      'pipeline.yaml:16:5: unknown key "concurency" in step "summaries"; did you mean "concurrency"?',
      'pipeline.yaml:25:26: steps.sumaries does not exist; did you mean "summaries"?',
      'pipeline.yaml:29:14: steps.final.titel does not exist: step "final" has no field "titel"; did you mean "title"?',
    ]);
  });

  it('names unknown keys, wrong types, bad values and missing keys', async () => {
    const text = `name: demo
descripton: typo
steps:
  - id: ask
    kind: llm
    promt: "Hello"
    temperature: hot
    thinking: { budget: 0.5 }
  - id: other
    kind: lm
    prompt: x
`;
    expect(await issuesOf(text)).toEqual([
      'pipeline.yaml:2:1: unknown key "descripton" at the top level; did you mean "description"?',
      'pipeline.yaml:6:5: unknown key "promt" in step "ask"; did you mean "prompt"?',
      'pipeline.yaml:7:18: "temperature" in step "ask" must be a number, found "hot" (a string)',
      'pipeline.yaml:8:25: "budget" in step "ask" at thinking must be an integer, found 0.5 (a number)',
      'pipeline.yaml:10:11: "kind" in step "other" must be one of "llm", "tool", "agent", "map", "parallel", "branch", found "lm" (a string); did you mean "llm"?',
    ]);
  });

  it('checks references against the declared input and output schemas', async () => {
    const text = `name: refs
input:
  fields: { text: string, tags: "string[]" }
steps:
  - id: classify
    kind: llm
    prompt: "{{ input.txt }} {{ inptu.text }} {{ input.text.length }}"
    output: { label: "spam|ham", score: number }
  - id: explain
    kind: llm
    prompt: "{{ steps.classify.lable }} {{ steps.classify.label | upper }} {{ steps.classify.score.value }}"
`;
    expect(await issuesOf(text)).toEqual([
      'pipeline.yaml:7:17: input.txt does not exist: the input has no field "txt"; did you mean "text"?',
      'pipeline.yaml:7:33: unknown name "inptu" in {{ inptu.text }}; did you mean "input"?',
      'pipeline.yaml:7:50: input.text is a string, it has no field "length" (the input)',
      'pipeline.yaml:11:17: steps.classify.lable does not exist: step "classify" has no field "lable"; did you mean "label"?',
      'pipeline.yaml:11:79: steps.classify.score is a number, it has no field "value" (step "classify")',
    ]);
  });

  it('refuses references to later steps, to the step itself (a cycle) and to parallel siblings', async () => {
    const text = `name: order
steps:
  - id: first
    kind: llm
    prompt: "{{ steps.second }} {{ steps.first }}"
  - id: second
    kind: parallel
    steps:
      - id: a
        kind: llm
        prompt: "{{ steps.b }}"
      - id: b
        kind: llm
        prompt: "{{ steps.first }}"
  - id: third
    kind: llm
    prompt: "{{ steps.a }} {{ steps.second.b }}"
`;
    expect(await issuesOf(text)).toEqual([
      'pipeline.yaml:5:17: steps.second is not available here: step "second" runs later or inside another step (steps can only use results of steps before them); move the step earlier, or refer to an earlier step',
      'pipeline.yaml:5:36: step "first" refers to its own result (steps.first); a step cannot use its own output (cycle); refer to an earlier step',
      'pipeline.yaml:11:21: steps.b runs at the same time as this step (both are in the same parallel), so its result is not available; move it before the parallel step',
    ]);
  });

  it('refuses a map over something that is not a list, and item outside a map', async () => {
    const text = `name: maps
input:
  fields: { title: string, parts: "string[]" }
steps:
  - id: each
    kind: map
    over: "{{ input.title }}"
    step: { kind: llm, prompt: "{{ item }}" }
  - id: plain
    kind: map
    over: input.parts
    step: { kind: llm, prompt: "{{ item.x }}" }
  - id: outside
    kind: llm
    prompt: "{{ item }}"
`;
    expect(await issuesOf(text)).toEqual([
      'pipeline.yaml:7:11: map "each" goes over "{{ input.title }}", which is not a list; map over a list, such as a field declared as "string[]"',
      'pipeline.yaml:11:11: "over" must name an array with a template, found plain text "input.parts"; write over: "{{ input.parts }}"',
      'pipeline.yaml:15:17: unknown name "item" in {{ item }}; templates start with input, steps',
    ]);
  });

  it('reports duplicate step ids with the first position', async () => {
    const text = `name: dupes
steps:
  - { id: ask, kind: llm, prompt: a }
  - { id: ask, kind: llm, prompt: b }
`;
    expect(await issuesOf(text)).toEqual([
      'pipeline.yaml:4:11: duplicate step id "ask" (first used at line 3, column 11); give every step its own id',
    ]);
  });

  it('validates tool options with the factory schema and lists known tools when nothing is close', async () => {
    const text = `name: tools
steps:
  - id: chunks
    kind: tool
    tool: { name: chunk_text, options: { size: -5, sise: 10 } }
  - id: look
    kind: agent
    prompt: Find it
    tools: [read_file, { name: search_everything }]
`;
    expect(await issuesOf(text)).toEqual([
      'pipeline.yaml:5:48: invalid option "size" for tool "chunk_text": Too small: expected number to be >0',
      'pipeline.yaml:5:52: tool "chunk_text" has no option "sise"; did you mean "size"?',
      'pipeline.yaml:9:13: invalid option "root" for tool "read_file": Invalid input: expected string, received undefined',
      'pipeline.yaml:9:32: unknown tool "search_everything"; known tools: "chunk_text", "read_file"',
    ]);
  });

  it('checks models, fallbacks, limits, escalation and thinking settings against the catalog', async () => {
    const text = `name: models
models:
  default: gemini-2.5-pro
  limits:
    gemini-25-flash: { rpm: 10 }
steps:
  - id: a
    kind: llm
    prompt: x
    thinking: { level: high }
  - id: b
    kind: llm
    model: gemini-3-flash-preview
    prompt: x
    thinking: { budget: 100 }
    repair: { attempts: 2, escalate: [gpt-4] }
  - id: c
    kind: llm
    model: gemini-2.5-flash-lite
    prompt: x
    thinking: { budget: 100 }
`;
    expect(await issuesOf(text)).toEqual([
      'pipeline.yaml:5:5: unknown model "gemini-25-flash"; did you mean "gemini-2.5-flash"?',
      'pipeline.yaml:10:24: gemini-2.5-pro does not take a thinking level; use thinking.budget (128 to 32768 tokens, or -1 for dynamic)',
      'pipeline.yaml:15:25: gemini-3-flash-preview does not take a thinking budget; use thinking.level (minimal, low, medium, high)',
      'pipeline.yaml:16:39: unknown model "gpt-4"; known models: "gemini-3.1-pro-preview", "gemini-3-flash-preview", "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite"',
      'pipeline.yaml:21:25: thinking budget 100 is outside what gemini-2.5-flash-lite accepts (512 to 24576); use a budget from 512 to 24576, or -1 for dynamic',
    ]);
  });

  it('still checks references in the valid steps when another step has a structural error', async () => {
    const text = `name: salvage
steps:
  - id: broken
    kind: llm
    prompt: 42
  - id: fine
    kind: llm
    prompt: "{{ steps.broken }} {{ steps.nope }}"
`;
    expect(await issuesOf(text)).toEqual([
      'pipeline.yaml:5:13: "prompt" in step "broken" must be a string, found 42 (a number)',
      'pipeline.yaml:8:36: steps.nope does not exist; steps available here: "broken"',
    ]);
  });

  it('says when the file is missing and suggests a file with a close name', async () => {
    await dir.write('summarize.yaml', valid);
    const result = await validatePipelineFile(`${dir.path}/sumarize.yaml`, { tools });
    expect(result.issues.map(formatSpecIssue)).toEqual([
      `${dir.path}/sumarize.yaml:1:1: pipeline file not found: ${dir.path}/sumarize.yaml; did you mean summarize.yaml?`,
    ]);
  });

  it('says when the file is empty', async () => {
    expect(await issuesOf('# nothing here\n')).toEqual([
      'pipeline.yaml:1:1: the file is empty; start with name: and steps:',
    ]);
  });

  it('checks tool argument names against the tool schema, as a run would', async () => {
    const text = `name: args
steps:
  - id: chunks
    kind: tool
    tool: chunk_text
    input: { txt: "{{ input.text }}" }
  - id: read
    kind: tool
    tool: { name: read_file, options: { root: . } }
    input: { path: a.txt }
`;
    expect(await issuesOf(text)).toEqual([
      'pipeline.yaml:6:12: tool "chunk_text" needs the argument "text"; add text: ... to input',
      'pipeline.yaml:6:14: tool "chunk_text" takes no argument "txt"; did you mean "text"?',
    ]);
  });
});
