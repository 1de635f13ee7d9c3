import { createRequire } from 'node:module';
import { createContext, Script } from 'node:vm';
import type { MathNode } from 'mathjs';
import { allowedMathFunctions } from './allowed-math-functions.js';
import { CalculationError } from './calculation-error.js';

/**
 * Disabled as mathjs's security guidance recommends, in addition to the whitelist: even if a node
 * slipped past the check, these cannot parse, import or define anything.
 */
const disabledFunctions = ['import', 'createUnit', 'reviver', 'evaluate', 'parse', 'compile', 'simplify'];
const moreDisabled = ['derivative', 'resolve', 'rationalize', 'chain', 'config', 'range', 'help'];

/** Node types an expression may contain; anything else (ranges like `1:10`, for example) is refused. */
const allowedNodeTypes = new Set([
  'ConstantNode',
  'SymbolNode',
  'OperatorNode',
  'ParenthesisNode',
  'FunctionNode',
  'FunctionAssignmentNode',
  'AssignmentNode',
  'ArrayNode',
  'ObjectNode',
  'AccessorNode',
  'IndexNode',
  'BlockNode',
  'ConditionalNode',
  'RelationalNode',
]);

/** Limits for {@link createLimitedMath}. */
export interface LimitedMathLimits {
  /** Longest expression accepted, in characters. */
  maxExpressionLength: number;
  /** CPU time one evaluation may take, in milliseconds. */
  timeoutMs: number;
}

/**
 * A mathjs evaluator for expressions written by a model: parsed first, then every node checked (only
 * whitelisted functions, no ranges, no element assignment `x[i] = v`, arrays at most two levels deep
 * so nothing can grow past the size of what was written), then run with a CPU time limit. Returns the
 * result formatted to 14 significant digits, or throws a {@link CalculationError} whose message is for the model.
 */
export function createLimitedMath(limits: LimitedMathLimits): (expression: string) => string {
  const { all, create } = loadMathjs();
  const math = create(all as NonNullable<typeof all>);
  const parse = math.parse.bind(math);
  const format = math.format.bind(math);
  const disabled = Object.fromEntries(
    [...disabledFunctions, ...moreDisabled].map((name) => [
      name,
      () => {
        throw new CalculationError(
          'expression_refused',
          `the function ${name} is not available in this calculator`,
        );
      },
    ]),
  );
  math.import(disabled, { override: true });
  const mathFunctions = new Set(
    Object.keys(math).filter(
      (key) => typeof (math as unknown as Record<string, unknown>)[key] === 'function',
    ),
  );
  const context = createContext({ run: () => undefined as unknown });
  const script = new Script('run()');

  return (expression) => {
    if (expression.trim() === '')
      throw new CalculationError(
        'expression_invalid',
        'the expression is empty; write one, like "2 * (3 + 4)"',
      );
    if (expression.length > limits.maxExpressionLength) {
      throw new CalculationError(
        'expression_invalid',
        `the expression is ${expression.length} characters; the limit is ${limits.maxExpressionLength}`,
      );
    }
    let tree: MathNode;
    try {
      tree = parse(expression);
    } catch (thrown) {
      throw new CalculationError(
        'expression_invalid',
        `the expression could not be read: ${messageOf(thrown)}`,
        { cause: thrown },
      );
    }
    checkTree(tree, mathFunctions);
    const compiled = tree.compile();
    context.run = () => compiled.evaluate({});
    let result: unknown;
    try {
      result = script.runInContext(context, { timeout: limits.timeoutMs });
    } catch (thrown) {
      if ((thrown as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw new CalculationError(
          'calculation_timeout',
          `the calculation took more than ${limits.timeoutMs} ms and was stopped; use smaller numbers`,
        );
      }
      if (thrown instanceof CalculationError) throw thrown;
      throw new CalculationError('calculation_failed', messageOf(thrown), { cause: thrown });
    }
    const last = isResultSet(result) ? result.entries.at(-1) : result;
    // Plain digits up to 1e21 (100800, not 1.008e+5): models copy numbers into answers as they see them.
    return format(last, { precision: 14, lowerExp: -9, upperExp: 21 });
  };
}

/**
 * mathjs is loaded when a calculator is made, not when this package is imported: it holds ~30 MB of
 * heap once loaded, and every `tokenflow run` imports the built-in tools to check a pipeline, most of
 * which never use the calculator (at 1M rows that heap, times V8's growth factor, was a third of the
 * process's RSS).
 */
function loadMathjs(): typeof import('mathjs') {
  return createRequire(import.meta.url)('mathjs') as typeof import('mathjs');
}

function checkTree(tree: MathNode, mathFunctions: Set<string>): void {
  const defined = new Set<string>();
  tree.traverse((node) => {
    if (node.type === 'FunctionAssignmentNode') defined.add((node as unknown as { name: string }).name);
  });
  tree.traverse((node, _path, parent) => {
    if (!allowedNodeTypes.has(node.type)) {
      throw new CalculationError(
        'expression_refused',
        node.type === 'RangeNode'
          ? 'ranges like 1:10 are not supported; list the values, like [1, 2, 3]'
          : `${node.type.replace(/Node$/, '').toLowerCase()} expressions are not supported`,
      );
    }
    if (node.type === 'AssignmentNode' && (node as unknown as { index?: unknown }).index != null) {
      throw new CalculationError(
        'expression_refused',
        'assigning to an element (x[i] = ...) is not supported; build the list directly',
      );
    }
    if (node.type === 'ArrayNode' && parent?.type === 'ArrayNode' && hasArrayParent(parent, tree)) {
      throw new CalculationError(
        'expression_refused',
        'arrays nest at most two levels deep (a matrix like [1, 2; 3, 4])',
      );
    }
    if (node.type === 'SymbolNode') {
      const name = (node as unknown as { name: string }).name;
      if (mathFunctions.has(name) && !allowedMathFunctions.has(name) && !defined.has(name)) {
        throw new CalculationError(
          'expression_refused',
          `the function ${name} is not available in this calculator`,
        );
      }
    }
    if (node.type === 'OperatorNode') {
      const name = (node as unknown as { fn: string }).fn;
      if (!allowedMathFunctions.has(name))
        throw new CalculationError(
          'expression_refused',
          `the operator for ${name} is not available in this calculator`,
        );
    }
  });
}

function hasArrayParent(node: MathNode, tree: MathNode): boolean {
  let found = false;
  tree.traverse((candidate) => {
    if (
      candidate.type === 'ArrayNode' &&
      (candidate as unknown as { items: MathNode[] }).items.includes(node)
    )
      found = true;
  });
  return found;
}

/** The message of whatever math.js threw (not always an `Error`). */
function messageOf(thrown: unknown): string {
  const message = (thrown as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(thrown);
}

function isResultSet(value: unknown): value is { entries: unknown[] } {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as { entries?: unknown }).entries)
  );
}
