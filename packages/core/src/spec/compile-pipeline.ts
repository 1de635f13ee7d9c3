import { type StructuredToolInterface, tool } from '@langchain/core/tools';
import { z } from 'zod';
import { TokenflowError } from '../errors/index.js';
import type {
  AgentStepDefinition,
  LlmStepDefinition,
  PipelineDefinition,
  PipelineNode,
  RunContext,
  StepRetryPolicy,
  ToolStepDefinition,
} from '../flow/index.js';
import { stepNode } from '../flow/index.js';
import type { ToolRegistry } from '../registry/index.js';
import type {
  AnalyzedModelSettings,
  AnalyzedPipeline,
  AnalyzedStep,
  ToolReference,
} from './analyzed-pipeline.js';
import { checkToolArguments } from './check-tool-arguments.js';
import { evaluateCondition } from './evaluate-condition.js';
import { jsonSchemaToZod } from './json-schema-to-zod.js';
import type { PathIssue } from './path-issue.js';
import { renderTemplate, renderTemplateValue, type TemplateScope } from './template/render-template.js';
import { renderTemplateValueTree } from './template/render-template-value-tree.js';
import type { ParsedTemplate } from './template/template-expression.js';

/** What compiling needs besides the checked pipeline. */
export interface CompilePipelineOptions {
  /** Builds the tools named in the file. */
  readonly tools: ToolRegistry;
  /** The folder relative paths in tool options resolve against (the pipeline file's folder). */
  readonly baseDir: string;
}

/** The rendered texts a model step receives as its input (and that events show). */
export interface RenderedPrompt {
  readonly prompt: string;
  readonly system?: string;
}

/**
 * Turns a checked pipeline into the same {@link PipelineDefinition} the TypeScript builder makes:
 * zod schemas from the declared types, prompt functions that render templates against the run
 * context, tools built by the registry's factories. Returns the issues of tools that could not be built
 * (for example a `root` folder that does not exist) instead of throwing.
 */
export function compilePipeline(
  pipeline: AnalyzedPipeline,
  options: CompilePipelineOptions,
): { definition: PipelineDefinition; issues: PathIssue[] } {
  const issues: PathIssue[] = [];
  const compiler = new Compiler(options, issues);
  const output = pipeline.output;
  const definition: PipelineDefinition = {
    id: pipeline.spec.name,
    ...(pipeline.input.schema === undefined ? {} : { input: jsonSchemaToZod(pipeline.input.schema) }),
    nodes: pipeline.steps.map((step) => compiler.node(step)),
    ...(output === undefined
      ? {}
      : { output: (context) => renderTemplateValueTree(output, scopeOf(context)) }),
  };
  return { definition, issues };
}

/** The data templates read, taken from the run context. */
export function scopeOf(context: RunContext): TemplateScope {
  return { input: context.input, steps: context.steps, item: context.item, index: context.index };
}

class Compiler {
  constructor(
    readonly options: CompilePipelineOptions,
    readonly issues: PathIssue[],
  ) {}

  node(step: AnalyzedStep): PipelineNode {
    switch (step.kind) {
      case 'llm': {
        const definition: LlmStepDefinition = {
          kind: 'llm',
          id: step.id,
          ...modelSettings(step),
          prompt: (input) => (input as RenderedPrompt).prompt,
          ...(step.timeoutMs === undefined ? {} : { timeoutMs: step.timeoutMs }),
        };
        return stepNode(definition, renderPrompt(step));
      }
      case 'agent': {
        const definition: AgentStepDefinition = {
          kind: 'agent',
          id: step.id,
          ...modelSettings(step),
          prompt: (input) => (input as RenderedPrompt).prompt,
          tools: step.tools.map((reference) => this.#tool(reference).tool),
          ...(step.maxSteps === undefined ? {} : { maxSteps: step.maxSteps }),
          ...(step.toolConcurrency === undefined ? {} : { toolConcurrency: step.toolConcurrency }),
          ...(step.timeoutMs === undefined ? {} : { timeoutMs: step.timeoutMs }),
        };
        return stepNode(definition, renderPrompt(step));
      }
      case 'tool': {
        const retry: StepRetryPolicy | undefined =
          step.retry === undefined
            ? undefined
            : {
                ...(step.retry.attempts === undefined ? {} : { maxAttempts: step.retry.attempts }),
                ...(step.retry.delayMs === undefined ? {} : { delayMs: step.retry.delayMs }),
              };
        const built = this.#tool(step.tool);
        if (built.created) this.issues.push(...checkToolArguments(built.tool, step.input, step.path));
        const definition: ToolStepDefinition = {
          kind: 'tool',
          id: step.id,
          tool: built.tool,
          ...(step.outputSchema === undefined ? {} : { output: jsonSchemaToZod(step.outputSchema) }),
          ...(retry === undefined ? {} : { retry }),
          ...(step.timeoutMs === undefined ? {} : { timeoutMs: step.timeoutMs }),
        };
        const input = step.input;
        return input === undefined
          ? stepNode(definition)
          : stepNode(definition, (context) => renderTemplateValueTree(input, scopeOf(context)));
      }
      case 'map': {
        const over = step.over;
        return {
          kind: 'map',
          id: step.id,
          over: (context) => renderTemplateValue(over, scopeOf(context)),
          body: this.#sequence(step.body),
          ...(step.concurrency === undefined ? {} : { concurrency: step.concurrency }),
        };
      }
      case 'parallel':
        return {
          kind: 'parallel',
          id: step.id,
          branches: Object.fromEntries(step.steps.map((child) => [child.id, this.node(child)])),
        };
      case 'branch': {
        const when = step.when;
        return {
          kind: 'branch',
          id: step.id,
          condition: (context) => evaluateCondition(when, scopeOf(context)),
          whenTrue: this.#sequence(step.whenTrue),
          ...(step.whenFalse === undefined ? {} : { whenFalse: this.#sequence(step.whenFalse) }),
        };
      }
    }
  }

  #sequence(steps: readonly AnalyzedStep[]): PipelineNode {
    const nodes = steps.map((step) => this.node(step));
    return nodes.length === 1 ? (nodes[0] as PipelineNode) : { kind: 'sequence', nodes };
  }

  #tool(reference: ToolReference): { tool: StructuredToolInterface; created: boolean } {
    const factory = this.options.tools.get(reference.name);
    try {
      if (factory === undefined) throw new Error(`tool "${reference.name}" is not in the registry`);
      return { tool: factory.create(reference.options, { baseDir: this.options.baseDir }), created: true };
    } catch (error) {
      this.issues.push({
        path: reference.path,
        code: 'invalid_tool_options',
        message: `tool "${reference.name}" could not be created: ${error instanceof Error ? error.message : String(error)}`,
        suggestion: 'check its options; relative paths resolve against the pipeline file folder',
      });
      return { tool: unavailableTool(reference.name), created: false };
    }
  }
}

function renderPrompt(step: {
  readonly prompt: ParsedTemplate;
  readonly system?: ParsedTemplate;
}): (context: RunContext) => RenderedPrompt {
  const { prompt, system } = step;
  return (context) => {
    const scope = scopeOf(context);
    return system === undefined
      ? { prompt: renderTemplate(prompt, scope) }
      : { prompt: renderTemplate(prompt, scope), system: renderTemplate(system, scope) };
  };
}

function modelSettings(step: AnalyzedModelSettings) {
  const thinking =
    step.thinking === undefined
      ? undefined
      : {
          ...(step.thinking.level === undefined ? {} : { level: step.thinking.level }),
          ...(step.thinking.budget === undefined ? {} : { budgetTokens: step.thinking.budget }),
        };
  return {
    model: step.model,
    ...(step.system === undefined
      ? {}
      : { system: (input: unknown) => (input as RenderedPrompt).system ?? '' }),
    ...(step.outputSchema === undefined ? {} : { output: jsonSchemaToZod(step.outputSchema) }),
    ...(step.temperature === undefined ? {} : { temperature: step.temperature }),
    ...(step.maxOutputTokens === undefined ? {} : { maxOutputTokens: step.maxOutputTokens }),
    ...(thinking === undefined ? {} : { thinking }),
    ...(step.repairAttempts === undefined ? {} : { repair: { maxAttempts: step.repairAttempts } }),
    ...(step.escalate === undefined ? {} : { escalation: { models: step.escalate } }),
  };
}

/** Stands in for a tool that could not be built; the load fails with an issue, so it is never called. */
function unavailableTool(name: string): StructuredToolInterface {
  return tool(
    () => {
      throw new TokenflowError(
        'tool_unavailable',
        `tool "${name}" could not be created; see the pipeline issues`,
      );
    },
    { name, description: `unavailable: ${name}`, schema: z.object({}) },
  );
}
