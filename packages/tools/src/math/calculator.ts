import type { ToolFactory } from '@tokenflow/core';
import { z } from 'zod';
import { defineTool, type ReadableErrorTool } from '../shared/define-tool.js';
import { describeThrown, errorResult } from '../shared/error-result.js';
import { createLimitedMath } from './limited-math.js';

/** Options for {@link calculator}. */
export interface CalculatorOptions {
  /**
   * Longest expression accepted, in characters.
   * @default 1_000
   */
  maxExpressionLength?: number;
  /**
   * CPU time one calculation may take before it is stopped, in milliseconds.
   * @default 1_000
   */
  timeoutMs?: number;
}

const calculatorSchema = z.object({
  expression: z
    .string()
    .describe(
      'A math expression, e.g. "2 * (3 + 4)", "sqrt(2) / 3", "12% of 80" written as "0.12 * 80", "5 km to mile", ' +
        '"mean([3, 5, 10])", "f(x) = x^2; f(7)".',
    ),
});

/** The options `calculator` takes from a YAML pipeline. */
export const calculatorOptionsSchema = z
  .object({
    maxExpressionLength: z.number().int().min(1).max(100_000).optional(),
    timeoutMs: z.number().int().min(1).max(60_000).optional(),
  })
  .strict();

/**
 * `calculator`: evaluates a math expression with mathjs (arithmetic, functions, units, statistics,
 * small matrices, big numbers, complex numbers). No way to run code: only whitelisted functions are
 * reachable (no `import`, `evaluate`, `parse`, `createUnit`, `simplify`, `derivative`, `compile`...),
 * nothing can allocate beyond the size of the expression, and CPU time is capped.
 * @example
 * await calculator().invoke({ expression: '5 km to mile' }); // '3.1068559611867 mile'
 */
export function calculator(options: CalculatorOptions = {}): ReadableErrorTool<typeof calculatorSchema> {
  const evaluate = createLimitedMath({
    maxExpressionLength: options.maxExpressionLength ?? 1_000,
    timeoutMs: options.timeoutMs ?? 1_000,
  });
  return defineTool({
    name: 'calculator',
    description:
      'Evaluate a math expression exactly instead of doing arithmetic in your head. Supports + - * / ^ %, ' +
      'parentheses, functions (sqrt, log, sin, round, factorial...), statistics (mean, median, std, sum), ' +
      'units ("5 km to mile"), big numbers (bignumber("0.1")), complex numbers and small matrices. ' +
      'Several statements can be separated by ";" and the last value is returned.',
    schema: calculatorSchema,
    run: ({ expression }) => {
      try {
        return evaluate(expression);
      } catch (thrown) {
        return errorResult(`could not calculate ${JSON.stringify(expression)}: ${describeThrown(thrown)}.`);
      }
    },
  });
}

/** Registry entry for `calculator`. */
export const calculatorFactory: ToolFactory<z.output<typeof calculatorOptionsSchema>> = {
  name: 'calculator',
  summary: 'Evaluate math expressions with mathjs (whitelisted functions, bounded size and CPU time).',
  options: calculatorOptionsSchema,
  create: (options) => calculator(options),
};
