/**
 * The only mathjs functions an expression may call or name (operators map to these too). A
 * whitelist, not a blacklist: anything that parses or defines things at run time (`import`,
 * `evaluate`, `parse`, `createUnit`, ...) or can build large structures from a short expression
 * (`ones(1e9)`, `1:1e9`, `kron`, `diag`, `flatten`, `concat`, `setPowerset`, `setCartesian`, ...)
 * is simply not on it.
 */
export const allowedMathFunctions: ReadonlySet<string> = new Set([
  // arithmetic
  ...['abs', 'add', 'cbrt', 'ceil', 'cube', 'divide', 'exp', 'expm1', 'fix', 'floor', 'gcd', 'hypot', 'lcm'],
  ...[
    'log',
    'log10',
    'log1p',
    'log2',
    'mod',
    'multiply',
    'nthRoot',
    'pow',
    'round',
    'sign',
    'sqrt',
    'square',
  ],
  ...['subtract', 'unaryMinus', 'unaryPlus', 'xgcd', 'invmod', 'norm', 'dotMultiply', 'dotDivide', 'dotPow'],
  // trigonometry
  ...['sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'atan2', 'asec', 'acsc', 'acot'],
  ...['sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth', 'asinh', 'acosh', 'atanh', 'asech', 'acsch', 'acoth'],
  // statistics and probability
  ...[
    'max',
    'min',
    'mean',
    'median',
    'mode',
    'prod',
    'std',
    'sum',
    'variance',
    'mad',
    'quantileSeq',
    'cumsum',
  ],
  ...['factorial', 'gamma', 'lgamma', 'combinations', 'combinationsWithRep', 'permutations', 'erf'],
  // numbers, units and types
  ...['bignumber', 'complex', 'number', 'unit', 'to', 're', 'im', 'arg', 'conj', 'typeOf', 'isPrime'],
  ...['isInteger', 'isNegative', 'isPositive', 'isZero', 'isNaN', 'hex', 'bin', 'oct', 'string', 'boolean'],
  // logic, comparison and bits
  ...['and', 'or', 'not', 'xor', 'equal', 'unequal', 'smaller', 'smallerEq', 'larger', 'largerEq', 'compare'],
  ...['deepEqual', 'bitAnd', 'bitOr', 'bitXor', 'bitNot', 'leftShift', 'rightArithShift', 'rightLogShift'],
  // small vectors and matrices written in the expression
  ...['size', 'sort', 'dot', 'cross', 'transpose', 'det', 'inv', 'trace', 'map', 'filter', 'forEach'],
]);
