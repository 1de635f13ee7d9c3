import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PipelineDefinition, StepDefinition } from '../flow/index.js';
import { stepNode } from '../flow/index.js';
import { llm } from '../flow/llm.js';
import { pipeline } from '../flow/pipeline.js';
import { runPipeline } from '../flow/run-pipeline.js';
import { useFlowEmulator } from '../flow/test-support/flow-emulator.js';
import { tool } from '../flow/tool-step.js';
import { loadPipeline } from './load-pipeline.js';
import { PipelineSpecError } from './pipeline-spec-error.js';
import { definitionShape } from './test-support/definition-shape.js';
import { useTempPipelineDir } from './test-support/temp-pipeline-dir.js';
import { createTestToolRegistry } from './test-support/test-tool-registry.js';

const dir = useTempPipelineDir();

/** Typed steps carry their input type in `prompt`; a definition node holds them untyped. */
function untyped(step: unknown): StepDefinition {
  return step as StepDefinition;
}
const setup = useFlowEmulator();
const tools = createTestToolRegistry();

const summarizeYaml = `# yaml-language-server: $schema=../schema/pipeline.schema.json
name: summarize
models:
  default: gemini-2.5-flash
input:
  id: doc_id
  fields: { doc_id: string, text: string }
steps:
  - id: chunks
    kind: tool
    tool: { name: chunk_text, options: { size: 40 } }
    input: { text: "{{ input.text }}" }
    output: { chunks: "string[]" }
  - id: summaries
    kind: map
    over: "{{ steps.chunks.chunks }}"
    concurrency: 2
    step:
      kind: llm
      prompt: "Summarize part {{ index }}: {{ item }}"
      output: { bullets: "string[]" }
  - id: final
    kind: llm
    model: gemini-2.5-pro
    system: You write faithful summaries.
    prompt: "Combine: {{ steps.summaries | json }}"
    output: { title: string, key_points: "string[]" }
    thinking: { budget: 1024 }
    repair: { attempts: 2, escalate: [gemini-2.5-flash] }
output:
  doc_id: "{{ input.doc_id }}"
  title: "{{ steps.final.title }}"
  points: "{{ steps.final.key_points }}"
`;

/** The same pipeline written with the TypeScript step builders (shapes compare data, not prompt functions). */
function summarizeInTypeScript(baseDir: string): PipelineDefinition {
  const row = z.looseObject({ doc_id: z.string(), text: z.string() });
  const chunker = tools.get('chunk_text')?.create({ size: 40 }, { baseDir });
  if (chunker === undefined) throw new Error('chunk_text missing');
  type Row = z.infer<typeof row>;
  return {
    id: 'summarize',
    input: row,
    nodes: [
      stepNode(
        tool({ id: 'chunks', tool: chunker, output: z.strictObject({ chunks: z.array(z.string()) }) }),
        (context) => ({
          text: (context.input as Row).text,
        }),
      ),
      {
        kind: 'map',
        id: 'summaries',
        over: (context) => (context.steps.chunks as { chunks: string[] }).chunks,
        body: stepNode(
          untyped(
            llm({
              id: 'summaries',
              model: 'gemini-2.5-flash',
              input: z.string(),
              prompt: (chunk) => `Summarize: ${chunk}`,
              output: z.strictObject({ bullets: z.array(z.string()) }),
            }),
          ),
        ),
        concurrency: 2,
      },
      stepNode(
        llm({
          id: 'final',
          model: 'gemini-2.5-pro',
          system: 'You write faithful summaries.',
          prompt: () => '',
          output: z.strictObject({ title: z.string(), key_points: z.array(z.string()) }),
          thinking: { budgetTokens: 1024 },
          repair: { maxAttempts: 2 },
          escalation: { models: ['gemini-2.5-flash'] },
        }),
      ),
    ],
    output: (context) => context.steps,
  };
}

const document = {
  doc_id: 'doc-7',
  text: 'Tokenflow runs pipelines over rows. It keeps a journal so runs resume. It falls back when pro is busy.',
};

describe('loadPipeline', () => {
  it('compiles YAML to the same definition shape as the TypeScript builders', async () => {
    const file = await dir.write('summarize.yaml', summarizeYaml);
    const loaded = await loadPipeline(file, { tools });
    expect(definitionShape(loaded.definition)).toEqual(definitionShape(summarizeInTypeScript(dir.path)));
    expect(loaded.name).toBe('summarize');
    expect(loaded.input.idField).toBe('doc_id');
    expect(loaded.models).toEqual({ default: 'gemini-2.5-flash', fallback: [], limits: {} });
    expect(loaded.gatewayOptions).toEqual({ limits: {} });
    expect(loaded.baseDir).toBe(dir.path);
    expect(loaded.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('runs on the emulator: prompts rendered from the row, map over the chunks, typed output row', async () => {
    const file = await dir.write('summarize.yaml', summarizeYaml);
    const loaded = await loadPipeline(file, { tools });
    const result = await runPipeline(loaded.definition, document, { gateway: setup.gateway() });
    const requests = setup.generateRequests();
    const prompts = requests.map((request) => {
      const body = request.body as { contents: { parts: { text?: string }[] }[] };
      return body.contents[0]?.parts[0]?.text ?? '';
    });
    const chunks = [0, 40, 80].map((start) => document.text.slice(start, start + 40));
    expect(prompts.slice(0, 3).sort()).toEqual(
      chunks.map((chunk, index) => `Summarize part ${index}: ${chunk}`).sort(),
    );
    expect(requests.map((request) => request.model)).toEqual([
      'gemini-2.5-flash',
      'gemini-2.5-flash',
      'gemini-2.5-flash',
      'gemini-2.5-pro',
    ]);
    const summaries = result.steps.summaries as { bullets: string[] }[];
    expect(summaries).toHaveLength(3);
    expect(prompts[3]).toBe(`Combine: ${JSON.stringify(summaries)}`);
    const final = result.steps.final as { title: string; key_points: string[] };
    expect(result.output).toEqual({ doc_id: 'doc-7', title: final.title, points: final.key_points });
    expect(typeof final.title).toBe('string');
  });

  it('gives the same definition and the same result as the pipeline() builder on the emulator', async () => {
    const yaml = `name: classify
input:
  fields: { text: string }
steps:
  - id: label
    kind: llm
    model: gemini-2.5-flash
    prompt: "Classify the sentiment of: {{ input.text }}"
    output: { sentiment: "positive|neutral|negative", confidence: number }
`;
    const loaded = await loadPipeline({ text: yaml, file: 'classify.yaml', baseDir: dir.path }, { tools });
    const row = z.looseObject({ text: z.string() });
    const typescript = pipeline('classify', { input: row }).then(
      llm({
        id: 'label',
        model: 'gemini-2.5-flash',
        input: row,
        prompt: ({ text }) => `Classify the sentiment of: ${text}`,
        output: z.strictObject({
          sentiment: z.enum(['positive', 'neutral', 'negative']),
          confidence: z.number(),
        }),
      }),
    ).definition;
    expect(definitionShape(loaded.definition)).toEqual(definitionShape(typescript));
    const data = { text: 'The resume after a crash worked perfectly.' };
    const fromYaml = await runPipeline(loaded.definition, data, { gateway: setup.gateway() });
    const fromTypeScript = await runPipeline(typescript, data, { gateway: setup.gateway() });
    expect(fromYaml.output).toEqual(fromTypeScript.output);
    const [first, second] = setup.generateRequests().map((request) => request.body);
    expect(first).toEqual(second);
  });

  it('throws a PipelineSpecError listing every issue with file:line:col', async () => {
    const file = await dir.write(
      'bad.yaml',
      'name: bad\nsteps:\n  - { id: a, kind: llm, prompt: "{{ steps.b }}", modle: x }\n',
    );
    const error = await loadPipeline(file, { tools }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PipelineSpecError);
    const specError = error as PipelineSpecError;
    expect(specError.code).toBe('pipeline_spec_invalid');
    expect(specError.message).toBe(
      `${file} has 2 problems:\n` +
        `  ${file}:3:37: steps.b does not exist; no step runs before this one\n` +
        `  ${file}:3:50: unknown key "modle" in step "a"; did you mean "model"?`,
    );
    expect(specError.issues.map((issue) => [issue.line, issue.column, issue.code])).toEqual([
      [3, 37, 'unknown_step'],
      [3, 50, 'unknown_key'],
    ]);
  });

  it('builds tools with options resolved against the pipeline file folder', async () => {
    const yaml = `name: files
steps:
  - id: read
    kind: tool
    tool: { name: read_file, options: { root: ./docs } }
    input: { path: a.txt }
`;
    const file = await dir.write('files.yaml', yaml);
    const loaded = await loadPipeline(file, { tools });
    const result = await runPipeline(loaded.definition, {});
    expect(result.output).toBe(`${dir.path}/docs:a.txt`);
  });

  it('reports a tool whose factory refuses its options at creation', async () => {
    const failing = {
      get: (name: string) =>
        name === 'broken'
          ? {
              name: 'broken',
              summary: 'Always fails to build',
              options: z.object({}),
              create: () => {
                throw new Error('the root folder does not exist');
              },
            }
          : undefined,
      names: () => ['broken'],
    };
    const yaml = 'name: t\nsteps:\n  - id: x\n    kind: tool\n    tool: broken\n';
    await expect(loadPipeline({ text: yaml, file: 't.yaml' }, { tools: failing })).rejects.toThrow(
      't.yaml:5:11: tool "broken" could not be created: the root folder does not exist; check its options; relative paths resolve against the pipeline file folder',
    );
  });
});
