import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { PromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda, RunnableSequence } from '@langchain/core/runnables';
import { llm, pipeline, step } from '@tokenflow/core';
import { z } from 'zod';

/**
 * The task the flow benchmarks give every framework: trim the text, ask the model for a one-line
 * summary, wrap the answer with its length. One definition, so the contenders of every benchmark do the
 * same work.
 */
export const summarizePrompt = (text: string): string => `Summarize in one line: ${text}`;

/** The task's last step: the answer and its length. */
export const finishSummary = (summary: string): { summary: string; length: number } => ({
  summary,
  length: summary.length,
});

/** The task as a tokenflow pipeline (step, llm, step); `prompt` turns the trimmed text into the prompt. */
export function summarizePipeline(model: string, prompt: (text: string) => string = summarizePrompt) {
  return pipeline('summarize', { input: z.object({ text: z.string() }) })
    .then(
      step({
        id: 'prepare',
        input: z.object({ text: z.string() }),
        output: z.object({ text: z.string() }),
        run: ({ text }) => ({ text: text.trim() }),
      }),
    )
    .then(
      llm({ id: 'answer', model, input: z.object({ text: z.string() }), prompt: ({ text }) => prompt(text) }),
    )
    .then(
      step({
        id: 'finish',
        input: z.string(),
        output: z.object({ summary: z.string(), length: z.number() }),
        run: finishSummary,
      }),
    );
}

/** The task as LangChain's usual `RunnableSequence`: a lambda, PromptTemplate, the model, a parser, a lambda. */
export function summarizeSequence(chat: BaseChatModel) {
  return RunnableSequence.from([
    RunnableLambda.from(({ text }: { text: string }) => ({ text: text.trim() })),
    PromptTemplate.fromTemplate('Summarize in one line: {text}'),
    chat,
    new StringOutputParser(),
    RunnableLambda.from(finishSummary),
  ]);
}
