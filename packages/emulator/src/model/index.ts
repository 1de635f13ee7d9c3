export type { GenerateAnswerOptions, ModelAnswer } from './generate-answer.js';
export { generateAnswer } from './generate-answer.js';
export { countRequestTokens, countTextTokens } from './tokenizer.js';
