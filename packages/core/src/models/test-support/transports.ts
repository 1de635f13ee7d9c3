import type { ChatTokenOffInput } from '../chat-tokenoff-input.js';

/**
 * The two ways ChatTokenOff sends a request: undici's dispatch API (the default) and a WHATWG `fetch` given
 * as the `fetch` option (here Node's own fetch, real HTTP). The fault, size-cap and quiet-time tests run
 * over both, so a failure reads the same whichever client met it.
 */
export const transports: readonly { name: string; options: Partial<ChatTokenOffInput> }[] = [
  { name: "undici's dispatch API (the default)", options: {} },
  { name: 'the fetch option', options: { fetch: (input, init) => fetch(input, init) } },
];
