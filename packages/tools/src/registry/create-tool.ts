import type { StructuredToolInterface } from '@langchain/core/tools';
import { TokenflowError, type ToolContext, type ToolRegistry } from '@tokenflow/core';

/**
 * Builds a tool by name with options from a YAML file or other untrusted source: the options are
 * validated with the factory's zod schema first, and every problem is reported with its option path.
 * @example
 * const tool = createTool(builtinTools, 'read_file', { root: './docs' }, { baseDir: '/pipelines' });
 */
export function createTool(
  registry: ToolRegistry,
  name: string,
  options: unknown,
  context: ToolContext,
): StructuredToolInterface {
  const factory = registry.get(name);
  if (factory === undefined) {
    throw new TokenflowError(
      'tool_unknown',
      `There is no tool named ${JSON.stringify(name)}; the tools available are ${registry.names().join(', ')}.`,
    );
  }
  const parsed = factory.options.safeParse(options ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.length === 0 ? 'options' : `options.${issue.path.join('.')}`;
      return `${path}: ${issue.message}`;
    });
    throw new TokenflowError(
      'tool_options_invalid',
      `Options for tool ${JSON.stringify(name)} are invalid: ${problems.join('; ')}.`,
      { cause: parsed.error },
    );
  }
  return factory.create(parsed.data, context);
}
