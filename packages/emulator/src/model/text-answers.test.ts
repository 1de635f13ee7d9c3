import { describe, expect, it } from 'vitest';
import { generateAnswer } from './generate-answer.js';
import { ask, model } from './test-support/requests.js';
import { splitSentences } from './text-analysis.js';

const article = [
  'The city council met on Tuesday to discuss the new transit plan.',
  'The plan adds three bus lines and extends the tram to the airport.',
  'Funding comes from a regional grant of $40 million and a small fare increase.',
  'Residents raised concerns about noise near the new depot.',
  'The council chair, Ana Ruiz, promised a public hearing in May.',
  'Construction would start in 2026 if the plan is approved.',
  'Critics say the fare increase hurts low-income riders.',
  'Supporters point to shorter commutes and cleaner air.',
  'The transit agency expects ridership to grow by 15 percent.',
  'A final vote is scheduled for June 12, 2025.',
].join(' ');

function text(prompt: string, seed = 1): string {
  const answer = generateAnswer(ask(prompt), model('gemini-2.5-flash'), { seed });
  return answer.answerParts.map((part) => part.text ?? '').join('');
}

describe('summaries are extractive and faithful', () => {
  it('picks sentences of the text itself, in their original order', () => {
    const summary = splitSentences(text(`Summarize the following article:\n\n${article}`));
    expect(summary.length).toBeGreaterThan(1);
    const positions = summary.map((sentence) => article.indexOf(sentence));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((left, right) => left - right)).toEqual(positions);
  });

  it('honours the length asked for: sentences and bullet points', () => {
    expect(splitSentences(text(`Summarize in 2 sentences: ${article}`))).toHaveLength(2);
    const bullets = text(`${article}\n\nGive me 3 bullet points of key points.`).split('\n');
    expect(bullets).toHaveLength(3);
    expect(bullets.every((line) => line.startsWith('- '))).toBe(true);
  });

  it('gives a long document a long summary and a short one a short summary', () => {
    const topics = ['budget', 'schedule', 'staffing', 'risk', 'vendor'];
    const report = Array.from(
      { length: 80 },
      (_, index) =>
        `Section ${index + 1} explains how the ${topics[index % 5]} affects milestone ${index + 1} of the regional office.`,
    ).join(' ');
    const long = generateAnswer(ask(`Summarize this report:\n\n${report}`), model('gemini-2.5-flash'), {
      seed: 1,
    });
    const short = generateAnswer(ask(`Summarize:\n\n${article}`), model('gemini-2.5-flash'), { seed: 1 });
    expect(long.candidatesTokenCount).toBeGreaterThan(300);
    expect(short.candidatesTokenCount).toBeLessThan(120);
  });
});

describe('questions are answered from the prompt', () => {
  it('quotes the sentence that answers a question about the given text', () => {
    expect(text(`${article}\n\nWhen is the final vote?`)).toContain(
      'a final vote is scheduled for June 12, 2025.',
    );
    expect(text(`Who is the council chair? ${article}`)).toContain('Ana Ruiz');
  });

  it('finds the answer in the system instruction when the context is there', () => {
    const answer = generateAnswer(
      ask('When is the final vote?', {
        systemInstruction: {
          role: 'system',
          parts: [{ text: `Answer from this context only.\n\n${article}` }],
        },
      }),
      model('gemini-2.5-flash'),
      { seed: 1 },
    );
    expect(answer.answerParts[0]?.text).toContain('June 12, 2025');
  });

  it('computes arithmetic exactly', () => {
    expect(text('What is 12 * 7?')).toMatch(/12 \* 7 = 84\.$/);
    expect(text('what is the sum of 1 + 2?')).toMatch(/1 \+ 2 = 3\.$/);
    expect(text('Compute (3 + 4) / 2 and 15% of 240.')).toContain('(3 + 4) / 2 = 3.5');
  });

  it('answers greetings and one-word questions briefly', () => {
    expect(text('hello')).toMatch(/^(Hello|Hi)/);
    expect(text('What is the capital of France? One word.')).toBe('France.');
  });

  it('otherwise replies about the prompt key terms, longer for longer prompts', () => {
    const reply = text('Tell me about the transit plan.');
    expect(reply).toMatch(/transit/);
    const longPrompt = `Tell me about ${'the history, economics and politics of regional railways in Europe, '.repeat(20)}please.`;
    expect(text(longPrompt).length).toBeGreaterThan(reply.length * 3);
  });
});
