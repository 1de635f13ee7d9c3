import { charactersPerToken } from '@tokenflow/core/gateway';

/** Estimates how many tokens a text costs. */
export type TokenEstimator = (text: string) => number;

/**
 * The estimate tokenflow uses before a model has counted: `charactersPerToken` (about 4) characters
 * per token, the same ratio the gateway budgets with and the emulator counts with.
 * @example estimateTokens('Hello, world!') // 4
 */
export const estimateTokens: TokenEstimator = (text) => Math.ceil(text.length / charactersPerToken);
