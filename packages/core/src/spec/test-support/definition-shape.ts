import { z } from 'zod';
import type { PipelineDefinition, PipelineNode, StepDefinition } from '../../flow/index.js';

/**
 * A definition reduced to comparable data: node kinds, ids, step settings, schemas as JSON Schema,
 * tool names; functions become `'function'`. Two definitions with equal shapes describe the same work.
 */
export function definitionShape(definition: PipelineDefinition): unknown {
  return {
    id: definition.id,
    input: schemaOf(definition.input),
    nodes: definition.nodes.map(nodeShape),
    output: definition.output === undefined ? undefined : 'function',
  };
}

function nodeShape(node: PipelineNode): unknown {
  switch (node.kind) {
    case 'step':
      return { kind: 'step', step: stepShape(node.step) };
    case 'sequence':
      return { kind: 'sequence', id: node.id, nodes: node.nodes.map(nodeShape) };
    case 'parallel':
      return {
        kind: 'parallel',
        id: node.id,
        branches: Object.fromEntries(
          Object.entries(node.branches).map(([key, child]) => [key, nodeShape(child)]),
        ),
      };
    case 'branch':
      return {
        kind: 'branch',
        id: node.id,
        whenTrue: nodeShape(node.whenTrue),
        whenFalse: node.whenFalse === undefined ? undefined : nodeShape(node.whenFalse),
      };
    case 'map':
      return { kind: 'map', id: node.id, body: nodeShape(node.body), concurrency: node.concurrency };
    case 'loop':
      return { kind: 'loop', id: node.id, body: nodeShape(node.body), maxIterations: node.maxIterations };
  }
}

function stepShape(step: StepDefinition): unknown {
  const common = { kind: step.kind, id: step.id, output: schemaOf(step.output), timeoutMs: step.timeoutMs };
  switch (step.kind) {
    case 'llm':
    case 'agent':
      return {
        ...common,
        model: step.model,
        system: step.system === undefined ? undefined : 'present',
        temperature: step.temperature,
        maxOutputTokens: step.maxOutputTokens,
        thinking: step.thinking,
        repair: step.repair,
        escalation: step.escalation,
        ...(step.kind === 'agent'
          ? {
              tools: step.tools.map((tool) => tool.name),
              maxSteps: step.maxSteps,
              toolConcurrency: step.toolConcurrency,
            }
          : {}),
      };
    case 'tool':
      return { ...common, tool: step.tool.name, retry: step.retry };
    case 'function':
      return common;
  }
}

function schemaOf(schema: z.ZodType | undefined): unknown {
  if (schema === undefined) return undefined;
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
  return rest;
}
