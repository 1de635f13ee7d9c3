import { describe, expect, it } from 'vitest';
import { runPipeline } from '../flow/run-pipeline.js';
import { callsAnswer, textAnswer, useFlowEmulator } from '../flow/test-support/flow-emulator.js';
import { loadPipeline } from './load-pipeline.js';
import { createTestToolRegistry } from './test-support/test-tool-registry.js';

const setup = useFlowEmulator();
const tools = createTestToolRegistry();

const classify = `name: classify
input:
  fields: { text: string }
steps:
  - id: triage
    kind: llm
    model: gemini-2.5-flash-lite
    prompt: "Classify: {{ input.text }}"
    output: { category: billing|bug|other, urgent: boolean }
  - id: route
    kind: branch
    when: { all: [{ value: "{{ steps.triage.category }}", equals: bug }, { value: "{{ steps.triage.urgent }}", equals: true }] }
    then:
      - id: reproduce
        kind: llm
        model: gemini-2.5-pro
        prompt: "Reproduce: {{ input.text }}"
        output: { steps: "string[]" }
    else:
      - id: reply
        kind: llm
        prompt: "Reply to: {{ input.text }}"
output:
  category: "{{ steps.triage.category }}"
  result: "{{ steps.route }}"
`;

function json(value: unknown) {
  return { response: textAnswer(JSON.stringify(value)) };
}

describe('compiled YAML pipelines on the emulator', () => {
  it('takes the then branch when every test of the condition holds', async () => {
    const loaded = await loadPipeline({ text: classify, file: 'classify.yaml' }, { tools });
    setup.script(
      { prompt: 'Classify:', ...json({ category: 'bug', urgent: true }) },
      { prompt: 'Reproduce:', ...json({ steps: ['open the app', 'click save'] }) },
    );
    const result = await runPipeline(
      loaded.definition,
      { text: 'Saving crashes' },
      { gateway: setup.gateway() },
    );
    expect(result.output).toEqual({ category: 'bug', result: { steps: ['open the app', 'click save'] } });
    expect(setup.generateRequests().map((request) => request.model)).toEqual([
      'gemini-2.5-flash-lite',
      'gemini-2.5-pro',
    ]);
  });

  it('takes the else branch when a test fails', async () => {
    const loaded = await loadPipeline({ text: classify, file: 'classify.yaml' }, { tools });
    setup.script(
      { prompt: 'Classify:', ...json({ category: 'bug', urgent: false }) },
      { prompt: 'Reply to:', response: textAnswer('Thanks, we are on it.') },
    );
    const result = await runPipeline(
      loaded.definition,
      { text: 'Minor glitch' },
      { gateway: setup.gateway() },
    );
    expect(result.output).toEqual({ category: 'bug', result: 'Thanks, we are on it.' });
    expect(setup.generateRequests().map((request) => request.model)).toEqual([
      'gemini-2.5-flash-lite',
      'gemini-2.5-flash',
    ]);
  });

  it('runs parallel steps from the same data and exposes each result by id and under the parallel id', async () => {
    const yaml = `name: facets
input:
  fields: { text: string }
steps:
  - id: facets
    kind: parallel
    steps:
      - { id: tone, kind: llm, prompt: "Tone of: {{ input.text }}", output: { tone: calm|angry } }
      - { id: topic, kind: llm, prompt: "Topic of: {{ input.text }}", output: { topic: string } }
  - id: merge
    kind: llm
    prompt: "{{ steps.tone.tone | upper }} / {{ steps.facets.topic.topic }}"
output: "{{ steps.merge }}"
`;
    const loaded = await loadPipeline({ text: yaml }, { tools });
    setup.script(
      { prompt: 'Tone of:', ...json({ tone: 'calm' }) },
      { prompt: 'Topic of:', ...json({ topic: 'billing' }) },
      { prompt: 'CALM / billing', response: textAnswer('merged') },
    );
    const result = await runPipeline(
      loaded.definition,
      { text: 'My invoice is wrong' },
      { gateway: setup.gateway() },
    );
    expect(result.steps.facets).toEqual({ tone: { tone: 'calm' }, topic: { topic: 'billing' } });
    expect(result.output).toBe('merged');
  });

  it('refuses an input row without a declared field before calling a model, and allows extra fields', async () => {
    const loaded = await loadPipeline({ text: classify, file: 'classify.yaml' }, { tools });
    const error = await runPipeline(loaded.definition, { txt: 'typo' }, { gateway: setup.gateway() }).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toBe(
      'Pipeline "classify" failed: Step "classify": pipeline input does not match its schema (1 issue):\n' +
        '  at text: expected string, found undefined',
    );
    expect(setup.generateRequests()).toEqual([]);
    setup.script(
      { prompt: 'Classify:', ...json({ category: 'other', urgent: false }) },
      { response: textAnswer('ok') },
    );
    const result = await runPipeline(
      loaded.definition,
      { text: 'Hi', extra_column: 1 },
      { gateway: setup.gateway() },
    );
    expect(result.output).toEqual({ category: 'other', result: 'ok' });
  });

  it('repairs an answer that does not match the declared output type, on the same model', async () => {
    const yaml = `name: extract
input:
  fields: { text: string }
steps:
  - id: invoice
    kind: llm
    model: gemini-2.5-flash
    prompt: "Extract: {{ input.text }}"
    output: { vendor: string, total: number }
    repair: { attempts: 2, escalate: [] }
`;
    const loaded = await loadPipeline({ text: yaml }, { tools });
    setup.script(
      { prompt: 'Extract:', ...json({ vendor: 'ACME', total: 'twelve' }) },
      { ...json({ vendor: 'ACME', total: 12 }) },
    );
    const result = await runPipeline(
      loaded.definition,
      { text: 'ACME, 12 EUR' },
      { gateway: setup.gateway() },
    );
    expect(result.output).toEqual({ vendor: 'ACME', total: 12 });
    const requests = setup.generateRequests();
    expect(requests.map((request) => request.model)).toEqual(['gemini-2.5-flash', 'gemini-2.5-flash']);
    const repairTurn = (
      requests[1]?.body as { contents: { parts: { text?: string }[] }[] } | undefined
    )?.contents.at(-1);
    expect(repairTurn?.parts[0]?.text).toContain('- at total: expected number, found "twelve" (string)');
  });

  it('runs an agent step with tools built from the registry, relative to the pipeline folder', async () => {
    const yaml = `name: ask
steps:
  - id: answer
    kind: agent
    model: gemini-2.5-flash
    prompt: "Read notes.txt and answer"
    tools: [{ name: read_file, options: { root: ./docs } }]
    max_steps: 3
`;
    const loaded = await loadPipeline({ text: yaml, baseDir: '/data/project' }, { tools });
    setup.script(
      { response: callsAnswer([{ name: 'read_file', args: { path: 'notes.txt' } }]) },
      { response: textAnswer('The notes say hello.') },
    );
    const result = await runPipeline(loaded.definition, {}, { gateway: setup.gateway() });
    expect(result.output).toBe('The notes say hello.');
    const second = JSON.stringify(setup.generateRequests()[1]?.body);
    expect(second).toContain('/data/project/docs:notes.txt');
  });
});
