/**
 * A tool-using agent that answers questions over a folder of company documents with the file tools
 * (list_files, read_file, search_files) and the calculator, printing every step as it happens.
 *
 *   pnpm --filter @tokenflow/examples agent
 *   pnpm --filter @tokenflow/examples agent "What is the daily meal allowance in the travel policy, and what is it times 5?"
 */
import { agent, pipeline } from '@tokenflow/core';
import { calculator, listFiles, readFile, searchFiles } from '@tokenflow/tools';
import { z } from 'zod';
import { examplePath } from './support/example-path.js';
import { startExampleSession } from './support/example-session.js';

const defaultQuestions = [
  'What is the Q3 marketing budget in our documents, and what is it times 4?',
  'What does the Rotterdam office cost per month in our documents, and what is it times 12?',
];

export function documentAgent(root: string) {
  return agent({
    id: 'analyst',
    model: 'gemini-3-flash-preview',
    system:
      'You answer questions about the company from its documents. Use list_files to see the documents, ' +
      'read_file to read them, search_files to find a phrase, and calculator for every computation. ' +
      'Quote the numbers you use and name the document they come from.',
    tools: [listFiles({ root }), readFile({ root }), searchFiles({ root }), calculator()],
    maxSteps: 8,
  });
}

async function main(): Promise<void> {
  const questions = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
  const session = await startExampleSession();
  const analyst = pipeline('ask', { input: z.string() }).then(documentAgent(examplePath('company-docs')));
  try {
    for (const question of questions.length > 0 ? questions : defaultQuestions) {
      console.log(`\nQ: ${question}`);
      const run = analyst.stream(question, { gateway: session.gateway });
      for await (const event of run) {
        if (event.type === 'tool-call') console.log(`  -> ${event.name}(${JSON.stringify(event.args)})`);
        if (event.type === 'tool-result') {
          const preview = event.content.replace(/\s+/g, ' ').slice(0, 100);
          console.log(`  <- ${event.name}: ${preview}${event.content.length > 100 ? '...' : ''}`);
        }
      }
      const result = await run.result;
      console.log(`A: ${String(result.output)}`);
      console.log(`   (${result.usage.totalTokens} tokens, $${result.costUsd.toFixed(6)})`);
    }
  } finally {
    await session.finish();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
