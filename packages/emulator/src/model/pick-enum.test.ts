import { describe, expect, it } from 'vitest';
import type { GenerateContentRequest } from '../wire/types.js';
import { generateAnswer } from './generate-answer.js';
import { ask, model } from './test-support/requests.js';

const newsEvents = [
  'acquisition',
  'earnings',
  'expansion',
  'stock_move',
  'partnership',
  'regulation',
  'appointment',
  'financing',
];

function eventOf(text: string, values: readonly string[] = newsEvents): unknown {
  const request: GenerateContentRequest = ask(
    `Extract the facts from this news item, and classify the event.\n\nNews item:\n${text}`,
    {
      generationConfig: {
        responseMimeType: 'application/json',
        responseSchema: {
          type: 'OBJECT',
          properties: { event: { type: 'STRING', enum: [...values] } },
          required: ['event'],
        },
      },
    },
  );
  const answer = generateAnswer(request, model('gemini-2.5-flash'), { seed: 0 });
  return (JSON.parse(answer.answerParts[0]?.text ?? '{}') as { event?: unknown }).event;
}

describe('enum labels follow the cue words of the content', () => {
  it('labels an appointment by its lead sentence, not by a later mention of expansion', () => {
    expect(
      eventOf(
        'Summit Pharmaceuticals Ltd named Peter Novak as its new CEO, effective August 4, 2026. Peter Novak joins from Cobalt Semiconductors Ltd, where the executive led the company’s expansion in Denver.',
      ),
    ).toBe('appointment');
  });

  it('labels an acquisition that still needs approval from regulators as an acquisition', () => {
    expect(
      eventOf(
        'Vantage Robotics Inc. agreed to acquire Orchid Retail Holdings for $431 million in cash and stock. The deal, expected to close in the fourth quarter, still needs approval from regulators in Rotterdam.',
      ),
    ).toBe('acquisition');
  });

  it('picks whatever value the schema offers for the event: synonyms of acquisition, appointment and layoffs', () => {
    const values = ['m_and_a', 'leadership_change', 'layoffs', 'other'];
    expect(eventOf('Kestrel Motors Inc. will buy Atlas Aerospace Corp. in a takeover.', values)).toBe(
      'm_and_a',
    );
    expect(eventOf('Kestrel Motors Inc. hires Anna Schmidt as CEO.', values)).toBe('leadership_change');
    expect(eventOf('Kestrel Motors Inc. announced 900 layoffs as jobs move abroad.', values)).toBe('layoffs');
  });

  it('takes no cue from the instruction: a prompt that says "classify the event" alone gives the first value', () => {
    expect(eventOf('The weather was mild.')).toBe('acquisition');
  });

  it('picks the catch-all label when nothing in the text supports another', () => {
    expect(
      eventOf('Just wanted to say the new onboarding flow is excellent!', ['billing', 'bug', 'other']),
    ).toBe('other');
    expect(eventOf('I was charged twice this month.', ['billing', 'bug', 'other'])).toBe('billing');
  });
});
