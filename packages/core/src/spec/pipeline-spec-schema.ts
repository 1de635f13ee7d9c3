import { z } from 'zod';
import { forbiddenKeys } from './parse-yaml-safely.js';
import type { ConditionSpec, PipelineSpec, StepSpec, TypeNotation } from './pipeline-spec.js';

/**
 * The YAML pipeline format as a zod schema: the single source of truth for the structure of a file
 * and for the published JSON Schema (`schema/pipeline.schema.json`). Objects are strict, so unknown keys
 * are reported. Deeper meaning (templates, type notation, references, tools, models) is checked after.
 */

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'letters, digits and _, not starting with a digit')
  .refine((id) => !forbiddenKeys.has(id), 'a name other than __proto__, constructor or prototype')
  .meta({ description: 'Letters, digits and _, not starting with a digit (so templates can name it).' });

const modelId = z
  .string()
  .min(1)
  .meta({ description: 'A model id from the catalog, e.g. gemini-2.5-flash.' });

const template = z.string().meta({
  description: 'Text with {{ path | filter }} placeholders: input.<field>, steps.<id>.<field>, item, index.',
});

const typeNotation: z.ZodType<TypeNotation> = z
  .lazy(() => z.union([z.string(), z.array(typeNotation), z.record(z.string(), typeNotation)]))
  .meta({
    id: 'TypeNotation',
    description:
      'Compact type: string, number, integer, boolean, "string[]", "a|b|c" (enum), "string|null", a mapping of fields (suffix a key with ? to make it optional), or [type] for an array.',
  });

const jsonSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: 'A JSON Schema (draft 2020-12 subset: type, properties, required, items, enum...).' });

const toolReference = z
  .union([
    z.string().min(1),
    z.strictObject({
      name: z.string().min(1).meta({ description: 'The tool name in the registry.' }),
      options: z
        .record(z.string(), z.unknown())
        .optional()
        .meta({ description: "Options for the tool's factory." }),
    }),
  ])
  .meta({ description: 'A tool name, or { name, options }.' });

const thinking = z
  .strictObject({
    level: z.enum(['minimal', 'low', 'medium', 'high']).optional().meta({ description: 'Gemini 3 models.' }),
    budget: z
      .int()
      .min(-1)
      .optional()
      .meta({ description: 'Thinking tokens (2.5 models); 0 off, -1 dynamic.' }),
  })
  .meta({ description: 'Thinking controls: level (Gemini 3) or budget (2.5), not both.' });

const repair = z
  .strictObject({
    attempts: z
      .int()
      .min(1)
      .max(10)
      .optional()
      .meta({ description: 'Tries on one model, the first included.' }),
    escalate: z
      .array(modelId)
      .optional()
      .meta({ description: 'Models to try next when repairs are used up; [] never escalates.' }),
  })
  .meta({ description: 'How a structured answer that fails its schema is repaired.' });

const baseFields = {
  description: z.string().optional().meta({ description: 'For people reading the pipeline.' }),
  timeout_ms: z
    .int()
    .positive()
    .optional()
    .meta({ description: 'Abort the step after this many milliseconds.' }),
};

const outputFields = {
  output: typeNotation.optional().meta({ description: 'The result type in compact notation.' }),
  output_schema: jsonSchema.optional().meta({ description: 'The result type as a full JSON Schema.' }),
};

const modelFields = {
  model: modelId.optional().meta({ description: "Overrides the pipeline's default model." }),
  system: template.optional().meta({ description: 'The system instruction (a template).' }),
  temperature: z.number().min(0).max(2).optional(),
  max_output_tokens: z.int().positive().optional(),
  thinking: thinking.optional(),
  repair: repair.optional(),
};

function leafSteps<Id extends z.ZodType>(id: Id) {
  const llm = z
    .strictObject({
      id,
      kind: z.literal('llm'),
      prompt: template.meta({ description: 'The user message (a template).' }),
      ...baseFields,
      ...modelFields,
      ...outputFields,
    })
    .meta({ description: 'Asks a model once (plus repairs), optionally for a typed answer.' });
  const tool = z
    .strictObject({
      id,
      kind: z.literal('tool'),
      tool: toolReference,
      input: z.unknown().optional().meta({ description: 'The tool arguments; strings may be templates.' }),
      retry: z
        .strictObject({ attempts: z.int().min(1).max(10).optional(), delay_ms: z.int().min(0).optional() })
        .optional(),
      ...baseFields,
      ...outputFields,
    })
    .meta({ description: 'Calls one tool directly, no model.' });
  const agent = z
    .strictObject({
      id,
      kind: z.literal('agent'),
      prompt: template.meta({ description: 'The task (a template).' }),
      tools: z.array(toolReference).meta({ description: 'The tools the model may call.' }),
      max_steps: z.int().min(1).max(100).optional().meta({ description: 'Model turns before giving up.' }),
      tool_concurrency: z.int().min(1).max(64).optional(),
      ...baseFields,
      ...modelFields,
      ...outputFields,
    })
    .meta({ description: 'A model calling tools in a loop until it answers.' });
  return [llm, tool, agent] as const;
}

const condition: z.ZodType<ConditionSpec> = z
  .lazy(() =>
    z.union([
      z.strictObject({
        value: template.meta({ description: 'The value to test, usually "{{ steps.<id>.<field> }}".' }),
        equals: z.unknown().optional(),
        not_equals: z.unknown().optional(),
        in: z.array(z.unknown()).optional(),
        not_in: z.array(z.unknown()).optional(),
        gt: z.number().optional(),
        gte: z.number().optional(),
        lt: z.number().optional(),
        lte: z.number().optional(),
        exists: z.boolean().optional(),
      }),
      z.strictObject({ all: z.array(condition).min(1) }),
      z.strictObject({ any: z.array(condition).min(1) }),
      z.strictObject({ not: condition }),
    ]),
  )
  .meta({ id: 'Condition', description: 'A test on a value (equals, in, gt, exists...) or all/any/not.' });

const stepList: z.ZodType<readonly StepSpec[]> = z
  .array(z.lazy(() => stepSpecSchema))
  .min(1)
  .meta({ id: 'StepList', description: 'Steps run in order; each may use the results of those before it.' });

const map = z
  .strictObject({
    id: identifier,
    kind: z.literal('map'),
    over: template.meta({ description: 'The array to map over, e.g. "{{ steps.chunks.chunks }}".' }),
    concurrency: z.int().min(1).max(1000).optional().meta({ description: 'Elements at once (default 4).' }),
    step: z
      .discriminatedUnion('kind', leafSteps(identifier.optional()))
      .optional()
      .meta({ description: "The step run for each element (its id defaults to the map's id)." }),
    steps: stepList.optional().meta({ description: 'Several steps run in order for each element.' }),
    ...baseFields,
  })
  .meta({ description: 'Runs a step once per array element; the result is the array of results.' });

const parallel = z
  .strictObject({
    id: identifier,
    kind: z.literal('parallel'),
    steps: stepList.meta({ description: 'Steps run at once; the result is { <step id>: result }.' }),
    ...baseFields,
  })
  .meta({ description: 'Runs steps at the same time.' });

const branch = z
  .strictObject({
    id: identifier,
    kind: z.literal('branch'),
    when: condition,
    // biome-ignore lint/suspicious/noThenProperty: `then` is the natural YAML key for a branch.
    then: stepList.meta({ description: 'Steps run when the condition holds.' }),
    else: stepList.optional().meta({ description: 'Steps run otherwise.' }),
    ...baseFields,
  })
  .meta({ description: 'Runs one list of steps or another depending on a condition.' });

/** One step of any kind (used to salvage the valid steps of a file with errors elsewhere). */
export const stepSpecSchema: z.ZodType<StepSpec> = z
  .lazy(() => z.discriminatedUnion('kind', [...leafSteps(identifier), map, parallel, branch]))
  .meta({ id: 'Step' });

const modelLimits = z.strictObject({
  rpm: z
    .union([z.int().positive(), z.literal('none'), z.literal('unknown')])
    .optional()
    .meta({
      description:
        'Requests per minute: a whole number above 0; none (the model has no per-minute quota: no window, never paced); or unknown (no window until a 429 names the quota, paced until then).',
    }),
  tpm: z
    .union([z.int().positive(), z.literal('none')])
    .optional()
    .meta({ description: 'Input tokens per minute: a whole number above 0, or none (no limit).' }),
  concurrency: z.int().positive().optional().meta({ description: 'Requests in flight at once.' }),
});

/** The `models` section. */
export const modelsSpecSchema = z
  .strictObject({
    default: modelId
      .optional()
      .meta({ description: 'Model for steps that name none (default gemini-2.5-flash).' }),
    fallback: z.array(modelId).optional().meta({ description: 'Models to fall back to, in order.' }),
    limits: z.record(z.string(), modelLimits).optional().meta({ description: 'Per-model limits.' }),
  })
  .meta({ description: 'Which models the pipeline uses.' });

/** The `input` section. */
export const inputSpecSchema = z
  .strictObject({
    id: z.string().min(1).optional().meta({ description: 'The field that identifies a row.' }),
    fields: z
      .record(z.string(), typeNotation)
      .optional()
      .meta({ description: 'The row fields in compact notation.' }),
    schema: jsonSchema.optional().meta({ description: 'The row as a full JSON Schema.' }),
  })
  .meta({ description: 'The shape of one input row.' });

/** The zod schema of a pipeline file. */
export const pipelineSpecSchema: z.ZodType<PipelineSpec> = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'The JSON Schema of this format, for editors.' }),
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _, . and -')
      .meta({ description: 'The pipeline id (letters, digits, _, . and -).' }),
    description: z.string().optional(),
    models: modelsSpecSchema.optional(),
    input: inputSpecSchema.optional(),
    steps: stepList,
    output: z.unknown().optional().meta({
      description: 'The output row: values with templates, e.g. { title: "{{ steps.final.title }}" }.',
    }),
  })
  .meta({ title: 'tokenflow pipeline', description: 'A tokenflow YAML pipeline.' });
