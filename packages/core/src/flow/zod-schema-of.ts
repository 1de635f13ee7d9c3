import type { z } from 'zod';

/** The tool's schema when it is a zod schema (LangChain tools may also carry plain JSON Schema). */
export function zodSchemaOf(schema: unknown): z.ZodType | undefined {
  if (
    schema &&
    typeof schema === 'object' &&
    'safeParseAsync' in schema &&
    typeof schema.safeParseAsync === 'function'
  ) {
    return schema as z.ZodType;
  }
  return undefined;
}
