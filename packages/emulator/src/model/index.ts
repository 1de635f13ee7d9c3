export type { GenerateAnswerOptions, ModelAnswer } from './generate-answer.js';
export { answerNormalizedRequest, generateAnswer } from './generate-answer.js';
export { countRequestTokens, countTextTokens } from './tokenizer.js';
