import { describe, expect, it } from 'vitest';
import { calculator } from './calculator.js';

// The CPU limit is a wall-clock watchdog: ordinary expressions get the largest one, so a loaded machine
// cannot stop them; only the runaway test below sets a short one, which it reaches whatever the speed.
// One tool for the file: each calculator builds its own math.js instance, which costs a few hundred ms
// on a loaded machine (each evaluation starts from an empty scope, so the tests cannot leak into each other).
const tool = calculator({ timeoutMs: 60_000 });
const calculate = (expression: string) => tool.invoke({ expression });

describe('calculator', () => {
  it.each([
    ['2 * (3 + 4)', '14'],
    ['0.1 + 0.2', '0.3'],
    ['sqrt(2)', '1.4142135623731'],
    ['5 km to mile', '3.1068559611867 mile'],
    ['mean([3, 5, 10])', '6'],
    ['f(x) = x^2; f(7)', '49'],
    ['bignumber("0.1") + bignumber("0.2")', '0.3'],
    ['det([1, 2; 3, 4])', '-2'],
    ['sqrt(-4)', '2i'],
    ['5!', '120'],
    ['8400 * 12', '100800'],
    ['2^70', '1.1805916207174e+21'],
    ['1 / 8000000000', '1.25e-10'],
  ])('calculates %s = %s', async (expression, result) => {
    expect(await calculate(expression)).toBe(result);
  });

  it.each([
    ['import({ x: 1 })', 'the function import is not available in this calculator'],
    ['evaluate("1 + 1")', 'the function evaluate is not available in this calculator'],
    ['parse("x")', 'the function parse is not available in this calculator'],
    ['createUnit("foo")', 'the function createUnit is not available in this calculator'],
    ['simplify("x + x")', 'the function simplify is not available in this calculator'],
    ['derivative("x^2", "x")', 'the function derivative is not available in this calculator'],
    ['resolve("x", {})', 'the function resolve is not available in this calculator'],
    ['compile("1")', 'the function compile is not available in this calculator'],
    ['f = evaluate; f("1")', 'the function evaluate is not available in this calculator'],
    ['map([1], parse)', 'the function parse is not available in this calculator'],
    ['f = cos.constructor; f("return process")', 'No access to property "constructor"'],
    ['ones(1e9)', 'the function ones is not available in this calculator'],
    ['1:1e9', 'ranges like 1:10 are not supported'],
    ['x = [1]; x[1e9] = 1', 'assigning to an element (x[i] = ...) is not supported'],
    ['[[[1, 2]]] .* [1, 2]', 'arrays nest at most two levels deep'],
  ])('refuses %s', async (expression, reason) => {
    const answer = await calculate(expression);
    expect(answer).toMatch(/^Error: could not calculate /);
    expect(answer).toContain(reason);
  });

  it('stops a calculation that would run for hours', async () => {
    const answer = await calculator({ timeoutMs: 100 }).invoke({
      expression: 'combinations(bignumber(1e9), bignumber(5e8))',
    });
    expect(answer).toMatch(/^Error: could not calculate /);
    expect(answer).toContain('the calculation took more than 100 ms and was stopped');
  });

  it('answers unreadable input with a readable error', async () => {
    expect(await calculate('1 +')).toBe(
      'Error: could not calculate "1 +": the expression could not be read: Unexpected end of expression (char 4).',
    );
    expect(await calculator({ maxExpressionLength: 5 }).invoke({ expression: '1 + 2 + 3' })).toBe(
      'Error: could not calculate "1 + 2 + 3": the expression is 9 characters; the limit is 5.',
    );
  });
});
