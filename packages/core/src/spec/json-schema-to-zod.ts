import { z } from 'zod';
import type { JsonSchemaSpec } from './pipeline-spec.js';

/**
 * The zod schema for a JSON Schema written in (or compiled from) a pipeline file, via zod's own
 * `z.fromJSONSchema`, so YAML and TypeScript pipelines validate with the same machinery.
 */
export function jsonSchemaToZod(schema: JsonSchemaSpec): z.ZodType {
  return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]) as z.ZodType;
}
