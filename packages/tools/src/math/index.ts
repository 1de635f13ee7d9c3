export { allowedMathFunctions } from './allowed-math-functions.js';
export { CalculationError, type CalculationErrorCode } from './calculation-error.js';
export {
  type CalculatorOptions,
  calculator,
  calculatorFactory,
  calculatorOptionsSchema,
} from './calculator.js';
