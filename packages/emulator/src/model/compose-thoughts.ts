import { createRandom, hashString, pick } from './deterministic-hash.js';

/** What the model is doing, which decides the headings of its thought summaries. */
export type ThinkingActivity = 'reply' | 'summary' | 'question' | 'structured' | 'tool-call' | 'tool-results';

const headings: Record<ThinkingActivity, readonly string[]> = {
  reply: ['Understanding the Request', 'Framing a Response', 'Considering the Key Points'],
  summary: ['Identifying the Main Ideas', 'Selecting Key Sentences', 'Condensing the Document'],
  question: ['Locating the Answer', 'Weighing the Evidence', 'Formulating the Answer'],
  structured: ['Mapping the Schema', 'Extracting the Fields', 'Validating the Output'],
  'tool-call': ['Choosing the Right Tool', 'Preparing the Arguments', 'Planning the Calls'],
  'tool-results': ['Reviewing the Results', 'Combining the Findings', 'Drafting the Reply'],
};

const bodies: Record<ThinkingActivity, readonly string[]> = {
  reply: [
    "I'm working out what the user wants to know about {terms}.",
    "I'm considering how {terms} fit together.",
  ],
  summary: [
    "I'm reading through the text to find the sentences that carry {terms}.",
    "I'm keeping the summary faithful to {terms}.",
  ],
  question: [
    "I'm looking for the passage that answers the question about {terms}.",
    "I'm checking the text for {terms}.",
  ],
  structured: [
    "I'm filling each field of the schema from the text, starting with {terms}.",
    "I'm matching {terms} to the fields.",
  ],
  'tool-call': [
    "I've identified that the request needs a tool for {terms}.",
    "I'm deciding the arguments from {terms}.",
  ],
  'tool-results': [
    "I've got the tool results and I'm relating them to {terms}.",
    "I'm putting the results on {terms} into words.",
  ],
};

/**
 * Thought summaries shaped like the recorded ones (`**Heading**\n\nI'm ...\n\n\n`): one part per
 * 400 thinking tokens, one to three, mentioning the request's key terms.
 */
export function composeThoughts(
  activity: ThinkingActivity,
  terms: readonly string[],
  thinkingTokens: number,
  seed: number,
): string[] {
  const random = createRandom(hashString(`${activity}:${terms.join(',')}`, seed));
  const count = Math.min(3, 1 + Math.floor(thinkingTokens / 400));
  const mentioned = terms.length === 0 ? 'the request' : terms.slice(0, 3).join(', ');
  const thoughts: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const heading = headings[activity][index % headings[activity].length];
    const body = pick(bodies[activity], random).replace('{terms}', mentioned);
    thoughts.push(`**${heading}**\n\n${body}\n\n\n`);
  }
  return thoughts;
}
