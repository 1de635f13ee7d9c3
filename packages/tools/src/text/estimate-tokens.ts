/** Estimates how many tokens a text costs. */
export type TokenEstimator = (text: string) => number;

/**
 * The estimate tokenflow uses before a model has counted: about 4 characters per token, the ratio
 * Gemini's tokenizer gives for English prose (and the one the emulator counts with).
 * @example estimateTokens('Hello, world!') // 4
 */
export const estimateTokens: TokenEstimator = (text) => Math.ceil(text.length / 4);
