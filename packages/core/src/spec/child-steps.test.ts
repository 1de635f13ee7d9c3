import { describe, expect, it } from 'vitest';
import { childStepsOf, mapChildSteps, stepDepthsAlong } from './child-steps.js';
import { whereInSpec } from './where-in-spec.js';

// biome-ignore lint/suspicious/noThenProperty: a YAML branch step's `then` list, plain data never awaited.
const branch = { id: 'route', kind: 'branch', then: [{ id: 'a' }], else: [{ id: 'b' }] };
const map = { id: 'each', kind: 'map', step: { id: 'inner' }, steps: [{ id: 'after' }] };

describe('child steps', () => {
  it('finds the steps under steps, then, else and a map step, with their paths', () => {
    expect(childStepsOf(branch).map((child) => child.path)).toEqual([
      ['then', 0],
      ['else', 0],
    ]);
    expect(childStepsOf(map)).toEqual([
      { path: ['steps', 0], step: { id: 'after' } },
      { path: ['step'], step: { id: 'inner' } },
    ]);
    expect(childStepsOf('not a step')).toEqual([]);
  });

  it('replaces each child step, and nothing else', () => {
    expect(mapChildSteps(map, (child) => ({ ...child, seen: true }))).toEqual({
      id: 'each',
      kind: 'map',
      step: { id: 'inner', seen: true },
      steps: [{ id: 'after', seen: true }],
    });
  });

  it('counts only step slots along a path', () => {
    expect(stepDepthsAlong(['steps', 0, 'then', 1, 'prompt'])).toEqual([2, 4]);
    expect(stepDepthsAlong(['steps', 0, 'step', 'prompt'])).toEqual([2, 3]);
    expect(stepDepthsAlong(['steps', 0, 'output_schema', 'properties', 'step', 'type'])).toEqual([2]);
    expect(stepDepthsAlong(['models', 'limits'])).toEqual([]);
  });
});

describe('whereInSpec', () => {
  it('names the step when an output_schema has a property called step', () => {
    // The old check took any `step` key for a map's step and named the property instead of the step.
    const root = { steps: [{ id: 'ask', output_schema: { properties: { step: { type: 'strin' } } } }] };
    expect(whereInSpec(root, ['steps', 0, 'output_schema', 'properties', 'step', 'type'])).toBe(
      'in step "ask" at output_schema.properties.step.type',
    );
  });

  it("names a map's nameless step after its map", () => {
    const root = { steps: [{ id: 'each', kind: 'map', step: { kind: 'llm' } }] };
    expect(whereInSpec(root, ['steps', 0, 'step', 'prompt'])).toBe('in the step of map "each" at prompt');
  });
});
