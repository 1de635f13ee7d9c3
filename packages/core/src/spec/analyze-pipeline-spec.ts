import type { ModelCatalog } from '../models/index.js';
import type { ToolRegistry } from '../registry/index.js';
import { analyzeInputSpec } from './analyze-input-spec.js';
import { analyzeCondition, analyzeTemplateValue } from './analyze-template-value.js';
import type {
  AnalyzedModelSettings,
  AnalyzedPipeline,
  AnalyzedStep,
  ResolvedModels,
} from './analyzed-pipeline.js';
import { checkModelReference, checkThinking } from './check-model-reference.js';
import { checkTemplateReferences, type ReferenceScope } from './check-template-references.js';
import { checkToolReference } from './check-tool-reference.js';
import { collectStepIds } from './collect-step-ids.js';
import { outputSchemaOf } from './output-schema-of.js';
import type { PathIssue } from './path-issue.js';
import type {
  AgentStepSpec,
  JsonSchemaSpec,
  LlmStepSpec,
  PipelineSpec,
  StepSpec,
  WithOptionalId,
} from './pipeline-spec.js';
import type { OpaqueStep } from './salvage-pipeline-spec.js';
import { schemaShape, shapeElement, shapeIsArray, unknownShape, type ValueShape } from './schema-shape.js';
import type { SourceLocator, SpecPath } from './source-locator.js';

/** The model used by steps that name none when the file sets no `models.default`. */
export const defaultPipelineModel = 'gemini-2.5-flash';

/** What the analysis checks names against. */
export interface AnalyzeOptions {
  readonly tools: ToolRegistry;
  readonly models: ModelCatalog;
  /** For messages that mention a second place ("first used at line 3"). */
  readonly locator?: SourceLocator;
  /** Steps that failed the structural check: their ids are known, their results of unknown shape. */
  readonly opaque?: ReadonlyMap<StepSpec, OpaqueStep>;
}

type StepLike = StepSpec | WithOptionalId<StepSpec>;

interface StepResult {
  readonly step: AnalyzedStep;
  readonly shape: ValueShape;
  /** Step ids (with shapes) that later steps can see once this one has run. */
  readonly exports: ReadonlyMap<string, ValueShape>;
}

/**
 * Checks everything that zod's structural check cannot: templates and the references in them, output
 * types, step ids, tools and their options, models and thinking settings. Collects every issue.
 */
export function analyzePipelineSpec(
  spec: PipelineSpec,
  options: AnalyzeOptions,
): { pipeline: AnalyzedPipeline; issues: PathIssue[] } {
  return new Analyzer(spec, options).run();
}

class Analyzer {
  readonly issues: PathIssue[] = [];
  readonly declared = new Set<string>();
  readonly models: ResolvedModels;

  constructor(
    readonly spec: PipelineSpec,
    readonly options: AnalyzeOptions,
  ) {
    this.models = {
      default: spec.models?.default ?? defaultPipelineModel,
      fallback: spec.models?.fallback ?? [],
      limits: spec.models?.limits ?? {},
    };
  }

  run(): { pipeline: AnalyzedPipeline; issues: PathIssue[] } {
    this.#checkModels();
    const input = analyzeInputSpec(this.spec.input, this.issues);
    collectStepIds(this.spec.steps, ['steps'], {
      declared: this.declared,
      issues: this.issues,
      first: new Map(),
      ...(this.options.locator === undefined ? {} : { locator: this.options.locator }),
      ...(this.options.opaque === undefined ? {} : { opaque: this.options.opaque }),
    });
    const inputShape = input.schema === undefined ? unknownShape : schemaShape(input.schema);
    const base: ReferenceScope = { input: inputShape, visible: new Map(), declared: this.declared };
    const { steps, visible } = this.#sequence(this.spec.steps, ['steps'], base);
    const output =
      this.spec.output === undefined
        ? undefined
        : analyzeTemplateValue(this.spec.output, ['output'], { ...base, visible }, this.issues);
    const pipeline: AnalyzedPipeline = {
      spec: this.spec,
      models: this.models,
      input,
      steps,
      ...(output === undefined ? {} : { output }),
    };
    return { pipeline, issues: this.issues };
  }

  #checkModels(): void {
    const models = this.spec.models;
    if (models?.default !== undefined) this.#model(models.default, ['models', 'default']);
    models?.fallback?.forEach((model, index) => {
      this.#model(model, ['models', 'fallback', index]);
    });
    for (const model of Object.keys(models?.limits ?? {})) {
      const issues = checkModelReference(model, ['models', 'limits', model], this.options.models);
      this.issues.push(...issues.map((issue) => ({ ...issue, at: 'key' as const })));
    }
  }

  #model(model: string, path: SpecPath): void {
    this.issues.push(...checkModelReference(model, path, this.options.models));
  }

  #sequence(
    steps: readonly StepLike[],
    path: SpecPath,
    scope: ReferenceScope,
  ): { steps: AnalyzedStep[]; visible: Map<string, ValueShape>; last: ValueShape } {
    const visible = new Map(scope.visible);
    const analyzed: AnalyzedStep[] = [];
    let last: ValueShape = unknownShape;
    steps.forEach((step, index) => {
      const result = this.#step(step, [...path, index], { ...scope, visible }, step.id ?? '');
      analyzed.push(result.step);
      for (const [id, shape] of result.exports) visible.set(id, shape);
      last = result.shape;
    });
    return { steps: analyzed, visible, last };
  }

  #step(step: StepLike, path: SpecPath, outer: ReferenceScope, id: string): StepResult {
    const opaque = this.options.opaque?.get(step as StepSpec);
    if (opaque !== undefined) {
      const exports = new Map([opaque.id, ...opaque.innerIds].map((inner) => [inner, unknownShape] as const));
      const placeholder: AnalyzedStep = { id, path, spec: step, kind: 'parallel', steps: [] };
      return { step: placeholder, shape: unknownShape, exports };
    }
    const scope: ReferenceScope = { ...outer, current: id };
    const timeout = step.timeout_ms === undefined ? {} : { timeoutMs: step.timeout_ms };
    const base = { id, path, spec: step, ...timeout };
    switch (step.kind) {
      case 'llm':
      case 'agent': {
        const settings = this.#modelSettings(step, path, scope);
        const prompt = this.#template(step.prompt, [...path, 'prompt'], scope);
        const shape = settings.outputSchema
          ? schemaShape(settings.outputSchema)
          : schemaShape({ type: 'string' });
        if (step.kind === 'llm') return this.#result({ ...base, ...settings, kind: 'llm', prompt }, shape);
        const tools = step.tools.map((tool, index) => {
          const checked = checkToolReference(tool, [...path, 'tools', index], this.options.tools);
          this.issues.push(...checked.issues);
          return checked.reference;
        });
        const agent = { ...base, ...settings, kind: 'agent' as const, prompt, tools };
        return this.#result(
          {
            ...agent,
            ...(step.max_steps === undefined ? {} : { maxSteps: step.max_steps }),
            ...(step.tool_concurrency === undefined ? {} : { toolConcurrency: step.tool_concurrency }),
          },
          shape,
        );
      }
      case 'tool': {
        const checked = checkToolReference(step.tool, [...path, 'tool'], this.options.tools);
        this.issues.push(...checked.issues);
        const input =
          step.input === undefined
            ? undefined
            : analyzeTemplateValue(step.input, [...path, 'input'], scope, this.issues);
        const outputSchema = outputSchemaOf(step, path, this.issues);
        const retry =
          step.retry === undefined
            ? {}
            : {
                retry: {
                  ...(step.retry.attempts === undefined ? {} : { attempts: step.retry.attempts }),
                  ...(step.retry.delay_ms === undefined ? {} : { delayMs: step.retry.delay_ms }),
                },
              };
        return this.#result(
          {
            ...base,
            kind: 'tool',
            tool: checked.reference,
            ...(input === undefined ? {} : { input }),
            ...(outputSchema === undefined ? {} : { outputSchema }),
            ...retry,
          },
          outputSchema === undefined ? unknownShape : schemaShape(outputSchema),
        );
      }
      case 'map':
        return this.#map(step, path, scope, base);
      case 'parallel': {
        const siblings = new Set(step.steps.map((child) => child.id));
        const children = step.steps.map((child, index) =>
          this.#step(child, [...path, 'steps', index], { ...scope, concurrent: siblings }, child.id),
        );
        const exports = new Map<string, ValueShape>();
        const properties: Record<string, JsonSchemaSpec> = {};
        for (const child of children) {
          for (const [childId, shape] of child.exports) exports.set(childId, shape);
          properties[child.step.id] = child.shape.kind === 'schema' ? child.shape.schema : {};
        }
        const shape = schemaShape({ type: 'object', properties, required: Object.keys(properties) });
        exports.set(id, shape);
        return {
          step: { ...base, kind: 'parallel', steps: children.map((child) => child.step) },
          shape,
          exports,
        };
      }
      case 'branch': {
        const when = analyzeCondition(step.when, [...path, 'when'], scope, this.issues);
        const then = this.#sequence(step.then, [...path, 'then'], scope);
        const otherwise =
          step.else === undefined ? undefined : this.#sequence(step.else, [...path, 'else'], scope);
        const exports = new Map<string, ValueShape>();
        for (const [childId, shape] of [...then.visible, ...(otherwise?.visible ?? [])]) {
          if (!scope.visible.has(childId)) exports.set(childId, shape);
        }
        exports.set(id, unknownShape);
        const analyzed: AnalyzedStep = {
          ...base,
          kind: 'branch',
          when,
          whenTrue: then.steps,
          ...(otherwise === undefined ? {} : { whenFalse: otherwise.steps }),
        };
        return { step: analyzed, shape: unknownShape, exports };
      }
    }
  }

  #map(
    step: Extract<StepLike, { kind: 'map' }>,
    path: SpecPath,
    scope: ReferenceScope,
    base: { id: string; path: SpecPath; spec: StepLike; timeoutMs?: number },
  ): StepResult {
    const over = checkTemplateReferences(step.over, [...path, 'over'], scope);
    this.issues.push(...over.issues);
    if (!step.over.includes('{{')) {
      this.issues.push({
        path: [...path, 'over'],
        code: 'invalid_template',
        message: `"over" must name an array with a template, found plain text "${step.over}"`,
        suggestion: `write over: "{{ ${step.over.trim()} }}"`,
      });
    } else if (shapeIsArray(over.shape) === false && over.shape.kind === 'schema') {
      this.issues.push({
        path: [...path, 'over'],
        code: 'not_an_array',
        message: `map "${base.id}" goes over "${step.over.trim()}", which is not a list`,
        suggestion: 'map over a list, such as a field declared as "string[]"',
      });
    }
    const inner: ReferenceScope = { ...scope, current: base.id, item: shapeElement(over.shape) };
    let body: AnalyzedStep[] = [];
    let last: ValueShape = unknownShape;
    if ((step.step === undefined) === (step.steps === undefined)) {
      this.issues.push({
        path,
        code: step.step === undefined ? 'missing_key' : 'invalid_value',
        message: `map "${base.id}" needs exactly one of "step" (one step per element) or "steps" (a list)`,
        suggestion:
          step.step === undefined ? 'add step: { kind: llm, prompt: "... {{ item }} ..." }' : 'remove one',
      });
    }
    if (step.step !== undefined) {
      const innerId = step.step.id ?? base.id;
      const result = this.#step(step.step, [...path, 'step'], { ...inner, current: innerId }, innerId);
      body = [result.step];
      last = result.shape;
    } else if (step.steps !== undefined) {
      const result = this.#sequence(step.steps, [...path, 'steps'], inner);
      body = result.steps;
      last = result.last;
    }
    const shape = schemaShape({ type: 'array', items: last.kind === 'schema' ? last.schema : {} });
    const analyzed: AnalyzedStep = {
      ...base,
      kind: 'map',
      over: over.template,
      body,
      ...(step.concurrency === undefined ? {} : { concurrency: step.concurrency }),
    };
    return { step: analyzed, shape, exports: new Map([[base.id, shape]]) };
  }

  #modelSettings(
    step: LlmStepSpec | AgentStepSpec | WithOptionalId<LlmStepSpec | AgentStepSpec>,
    path: SpecPath,
    scope: ReferenceScope,
  ): AnalyzedModelSettings {
    const model = step.model ?? this.models.default;
    if (step.model !== undefined) this.#model(step.model, [...path, 'model']);
    if (step.thinking !== undefined) {
      this.issues.push(...checkThinking(step.thinking, model, [...path, 'thinking'], this.options.models));
    }
    for (const [index, escalate] of (step.repair?.escalate ?? []).entries()) {
      this.#model(escalate, [...path, 'repair', 'escalate', index]);
    }
    const system =
      step.system === undefined ? undefined : this.#template(step.system, [...path, 'system'], scope);
    const outputSchema = outputSchemaOf(step, path, this.issues);
    return {
      model,
      ...(system === undefined ? {} : { system }),
      ...(outputSchema === undefined ? {} : { outputSchema }),
      ...(step.temperature === undefined ? {} : { temperature: step.temperature }),
      ...(step.max_output_tokens === undefined ? {} : { maxOutputTokens: step.max_output_tokens }),
      ...(step.thinking === undefined ? {} : { thinking: step.thinking }),
      ...(step.repair?.attempts === undefined ? {} : { repairAttempts: step.repair.attempts }),
      ...(step.repair?.escalate === undefined ? {} : { escalate: step.repair.escalate }),
    };
  }

  #template(source: string, path: SpecPath, scope: ReferenceScope) {
    const checked = checkTemplateReferences(source, path, scope);
    this.issues.push(...checked.issues);
    return checked.template;
  }

  #result(step: AnalyzedStep, shape: ValueShape): StepResult {
    return { step, shape, exports: new Map([[step.id, shape]]) };
  }
}
