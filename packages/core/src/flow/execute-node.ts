import { describeValue } from '../errors/describe-value.js';
import { TokenflowError } from '../errors/tokenflow-error.js';
import { LoopLimitError } from './errors/loop-limit-error.js';
import { executeStep } from './execute-step.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import type { MapNode, PipelineNode, RunContext } from './pipeline-definition.js';
import type { RunState, Scope } from './run-state.js';
import { StepFailure } from './run-state.js';

/** A fresh context with `last` replaced and the scope's current results. */
function contextWith(context: RunContext, scope: Scope, last: unknown): RunContext {
  return { ...context, steps: { ...scope.steps }, last };
}

/** Runs nodes in order, each seeing the previous one's output as `last`; returns the last output. */
export async function executeSequence(
  nodes: readonly PipelineNode[],
  context: RunContext,
  state: RunState,
  scope: Scope,
): Promise<unknown> {
  let last = context.last;
  for (const node of nodes) {
    const nodeContext = contextWith(context, scope, last);
    // A step straight to its executor (which checks the signal itself): one async frame less per step.
    last = await (node.kind === 'step'
      ? executeStep(node, nodeContext, state, scope)
      : executeNode(node, nodeContext, state, scope));
  }
  return last;
}

/** Runs a user selector (condition, array to map over); its failure is reported under the node id. */
function selectOrFail<T>(nodeId: string, select: () => T): T {
  try {
    return select();
  } catch (error) {
    throw new StepFailure(nodeId, error);
  }
}

async function executeMap(
  node: MapNode,
  context: RunContext,
  state: RunState,
  scope: Scope,
): Promise<unknown[]> {
  const over = node.over;
  const items = over ? selectOrFail(node.id, () => over(context)) : context.last;
  if (!Array.isArray(items)) {
    throw new StepFailure(
      node.id,
      new TokenflowError(
        'flow_map_not_array',
        `Map "${node.id}" expected an array to map over, found ${describeValue(items)}.`,
      ),
    );
  }
  const concurrency = node.concurrency ?? 4;
  return mapWithConcurrency(items, concurrency, (item, index) => {
    const pathPrefix = `${scope.pathPrefix === undefined ? '' : `${scope.pathPrefix}.`}${node.id}[${index}]`;
    const inner: Scope = { steps: { ...scope.steps }, pathPrefix, mapId: node.id };
    return executeNode(
      node.body,
      { ...context, steps: { ...inner.steps }, last: item, item, index },
      state,
      inner,
    );
  });
}

/** Runs any node; records composite outputs under their id when they have one. */
export async function executeNode(
  node: PipelineNode,
  context: RunContext,
  state: RunState,
  scope: Scope,
): Promise<unknown> {
  state.signal.throwIfAborted();
  switch (node.kind) {
    case 'step':
      return executeStep(node, context, state, scope);
    case 'sequence': {
      const output = await executeSequence(node.nodes, context, state, scope);
      if (node.id !== undefined) scope.steps[node.id] = output;
      return output;
    }
    case 'parallel': {
      const entries = Object.entries(node.branches);
      const settled = await Promise.allSettled(
        entries.map(([, branch]) => executeNode(branch, context, state, scope)),
      );
      const output: Record<string, unknown> = {};
      for (const [index, result] of settled.entries()) {
        if (result.status === 'rejected') throw result.reason;
        output[(entries[index] as [string, PipelineNode])[0]] = result.value;
      }
      if (node.id !== undefined) scope.steps[node.id] = output;
      return output;
    }
    case 'branch': {
      const chosen = selectOrFail(node.id ?? 'branch', () => node.condition(context))
        ? node.whenTrue
        : node.whenFalse;
      const output = chosen ? await executeNode(chosen, context, state, scope) : context.last;
      if (node.id !== undefined) scope.steps[node.id] = output;
      return output;
    }
    case 'map': {
      const output = await executeMap(node, context, state, scope);
      scope.steps[node.id] = output;
      return output;
    }
    case 'loop': {
      let last = context.last;
      for (let iteration = 0; iteration < node.maxIterations; iteration += 1) {
        last = await executeNode(
          node.body,
          { ...contextWith(context, scope, last), iteration },
          state,
          scope,
        );
        scope.steps[node.id] = last;
        if (selectOrFail(node.id, () => node.until({ ...contextWith(context, scope, last), iteration })))
          return last;
      }
      throw new StepFailure(node.id, new LoopLimitError(node.id, node.maxIterations, last));
    }
  }
}
