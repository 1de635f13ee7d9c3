import { describe, expect, it } from 'vitest';
import { modelsUsedBy, pipelineGatewayOptions } from './pipeline-gateway-options.js';
import { createTestToolRegistry } from './test-support/test-tool-registry.js';
import { validatePipelineText } from './validate-pipeline-text.js';

function analyzed(text: string) {
  const { pipeline, issues } = validatePipelineText(text, { tools: createTestToolRegistry() });
  expect(issues).toEqual([]);
  if (pipeline === undefined) throw new Error('invalid test pipeline');
  return pipeline;
}

const steps = `steps:
  - { id: a, kind: llm, prompt: x }
  - { id: b, kind: llm, model: gemini-3.1-pro-preview, prompt: x, repair: { escalate: [gemini-2.5-pro] } }
`;

describe('pipelineGatewayOptions', () => {
  it('passes per-model limits and builds each used model a chain along the fallback list', () => {
    const pipeline = analyzed(`name: p
models:
  default: gemini-3-flash-preview
  fallback: [gemini-2.5-flash, gemini-2.5-flash-lite]
  limits:
    gemini-3.1-pro-preview: { rpm: 60, concurrency: 4 }
${steps}`);
    expect(modelsUsedBy(pipeline)).toEqual([
      'gemini-3-flash-preview',
      'gemini-3.1-pro-preview',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
    ]);
    expect(pipelineGatewayOptions(pipeline)).toEqual({
      limits: { 'gemini-3.1-pro-preview': { rpm: 60, concurrency: 4 } },
      fallback: {
        chains: {
          'gemini-3-flash-preview': ['gemini-2.5-flash', 'gemini-2.5-flash-lite'],
          'gemini-3.1-pro-preview': ['gemini-2.5-flash', 'gemini-2.5-flash-lite'],
          'gemini-2.5-pro': ['gemini-2.5-flash', 'gemini-2.5-flash-lite'],
          'gemini-2.5-flash': ['gemini-2.5-flash-lite'],
          'gemini-2.5-flash-lite': [],
        },
      },
    });
  });

  it('gives the gateway Infinity for `none` and passes `unknown` on, so a file can say a model has no quota or an unknown one', () => {
    const pipeline = analyzed(`name: p
models:
  limits:
    gemini-2.5-flash: { rpm: none, tpm: none }
    gemini-3.1-pro-preview: { rpm: unknown, tpm: 500000, concurrency: 8 }
${steps}`);
    expect(pipelineGatewayOptions(pipeline).limits).toEqual({
      'gemini-2.5-flash': { rpm: Number.POSITIVE_INFINITY, tpm: Number.POSITIVE_INFINITY },
      'gemini-3.1-pro-preview': { rpm: 'unknown', tpm: 500_000, concurrency: 8 },
    });
  });

  it('refuses any other word for a limit, naming the field and what it takes', () => {
    const { issues } = validatePipelineText(
      `name: p\nmodels:\n  limits:\n    gemini-2.5-flash: { rpm: fast, tpm: unknown }\n${steps}`,
      { tools: createTestToolRegistry() },
    );
    expect(issues.map((issue) => [issue.line, issue.message])).toEqual([
      [4, '"rpm" at models.limits.gemini-2.5-flash has an unexpected form, found "fast" (a string)'],
      [4, '"tpm" at models.limits.gemini-2.5-flash has an unexpected form, found "unknown" (a string)'],
    ]);
    expect(issues[0]?.suggestion).toContain('none (the model has no per-minute quota');
    expect(issues[1]?.suggestion).toContain('a whole number above 0, or none (no limit)');
  });

  it('leaves the gateway default chains alone when the file sets no fallback, and turns fallback off for []', () => {
    expect(pipelineGatewayOptions(analyzed(`name: p\n${steps}`))).toEqual({ limits: {} });
    const off = pipelineGatewayOptions(analyzed(`name: p\nmodels: { fallback: [] }\n${steps}`));
    expect(off.fallback?.chains).toEqual({
      'gemini-2.5-flash': [],
      'gemini-3.1-pro-preview': [],
      'gemini-2.5-pro': [],
    });
  });
});
