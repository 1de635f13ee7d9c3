export { allowedMathFunctions } from './allowed-math-functions.js';
export {
  type CalculatorOptions,
  calculator,
  calculatorFactory,
  calculatorOptionsSchema,
} from './calculator.js';
