// Type-checked in the consumer project and EXPECTED TO FAIL (see scripts/consumer-test.mjs): `.then()` only
// accepts a step whose input matches the previous output, and the error says so in words.
import { pipeline, step } from '@tokenflow/core';
import { z } from 'zod';

const count = step({
  id: 'count',
  input: z.object({ text: z.string() }),
  output: z.number(),
  run: ({ text }) => text.length,
});
const shout = step({ id: 'shout', input: z.string(), output: z.string(), run: (text) => text.toUpperCase() });

// `count` outputs a number; `shout` takes a string.
export const broken = pipeline('broken', { input: z.object({ text: z.string() }) })
  .then(count)
  .then(shout);
