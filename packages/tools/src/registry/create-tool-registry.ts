import { TokenflowError, type ToolFactory, type ToolRegistry } from '@tokenflow/core';

/** Names Gemini accepts for functions: a letter or underscore, then up to 63 letters, digits, `_ . : -`. */
const functionName = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

/**
 * A registry of tool factories, so YAML pipelines can name tools. Start from the built-ins and add
 * your own: `createToolRegistry([...builtinToolFactories, myFactory])`. Duplicate names and names
 * Gemini would refuse are errors here, not at the first model call.
 * @example
 * const registry = createToolRegistry([...builtinToolFactories, weatherFactory]);
 * registry.get('weather')?.create({ city: 'Paris' }, { baseDir: process.cwd() });
 */
export function createToolRegistry(factories: readonly ToolFactory[]): ToolRegistry {
  const byName = new Map<string, ToolFactory>();
  for (const factory of factories) {
    if (!functionName.test(factory.name)) {
      throw new TokenflowError(
        'tool_registry_invalid',
        `Tool name ${JSON.stringify(factory.name)} is not a valid function name; use letters, digits and ` +
          '_ . : - (starting with a letter or _), at most 64 characters.',
      );
    }
    if (byName.has(factory.name)) {
      throw new TokenflowError(
        'tool_registry_invalid',
        `Two tool factories are named ${JSON.stringify(factory.name)}; rename one (names must be unique).`,
      );
    }
    byName.set(factory.name, factory);
  }
  return {
    get: (name) => byName.get(name),
    names: () => [...byName.keys()].sort(),
  };
}
