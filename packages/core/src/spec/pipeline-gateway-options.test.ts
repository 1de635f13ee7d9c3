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
