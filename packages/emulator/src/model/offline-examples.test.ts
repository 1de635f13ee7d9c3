import { describe, expect, it } from 'vitest';
import type { GenerateContentRequest } from '../wire/types.js';
import { generateAnswer } from './generate-answer.js';
import { ask, model } from './test-support/requests.js';

/** The jobs issue 7's examples run offline: map-reduce summaries, invoice extraction, classification. */

function json(request: GenerateContentRequest): unknown {
  const answer = generateAnswer(request, model('gemini-2.5-pro'), { seed: 1 });
  return JSON.parse(answer.answerParts[0]?.text ?? '');
}

function withSchema(prompt: string, responseJsonSchema: unknown): GenerateContentRequest {
  return ask(prompt, { generationConfig: { responseMimeType: 'application/json', responseJsonSchema } });
}

describe('offline runs give plausible structured results', () => {
  it('combines chunk summaries into a titled summary with key points from the chunks', () => {
    const prompt = [
      'Combine these partial summaries of "The History of the Lighthouse" into one final summary with a title, key points and a one-paragraph summary.',
      '',
      'Part 1: Lighthouses began as open fires on hilltops. The Pharos of Alexandria, built around 280 BC, was the most famous ancient lighthouse.',
      'Part 2: In the 19th century, the Fresnel lens made lights visible for over 20 miles. Keepers lived in isolated towers and trimmed the wicks nightly.',
      'Part 3: Automation in the 20th century removed most keepers. Today GPS has reduced the role of lighthouses, but many are preserved as museums.',
    ].join('\n');
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        keyPoints: { type: 'array', items: { type: 'string' } },
        summary: { type: 'string' },
      },
      required: ['title', 'keyPoints', 'summary'],
    };
    const result = json(withSchema(prompt, schema)) as {
      title: string;
      keyPoints: string[];
      summary: string;
    };
    expect(result.title).toBe('The History of the Lighthouse');
    expect(result.keyPoints.length).toBeGreaterThanOrEqual(3);
    for (const point of result.keyPoints) {
      expect(prompt).toContain(point.replace(/\.$/, ''));
      expect(point).not.toMatch(/^Part \d|^Combine/);
    }
    expect(result.summary.length).toBeGreaterThan(40);
  });

  it('extracts an invoice: number, parties, date, one line item per priced line, the total', () => {
    const invoice = [
      'Extract the invoice as JSON.',
      '',
      'INVOICE INV-2041',
      'Northwind Supplies Ltd, 12 Harbour Road, Leeds',
      'Date: 2025-03-02',
      'Bill to: Contoso Ltd',
      '',
      '3 x A4 paper boxes @ $4.50 = $13.50',
      '2 x Toner cartridge @ $60.00 = $120.00',
      '1 x Desk lamp @ $25.99 = $25.99',
      '',
      'Total: $159.49',
    ].join('\n');
    const line = {
      type: 'object',
      properties: {
        description: { type: 'string' },
        quantity: { type: 'integer' },
        unitPrice: { type: 'number' },
        amount: { type: 'number' },
      },
      required: ['description', 'quantity', 'unitPrice', 'amount'],
    };
    const schema = {
      type: 'object',
      properties: {
        invoiceNumber: { type: 'string' },
        vendor: { type: 'string' },
        customer: { type: 'string' },
        date: { type: 'string', format: 'date' },
        lineItems: { type: 'array', items: line },
        total: { type: 'number' },
        currency: { type: 'string' },
      },
      required: ['invoiceNumber', 'vendor', 'customer', 'date', 'lineItems', 'total', 'currency'],
    };
    expect(json(withSchema(invoice, schema))).toEqual({
      invoiceNumber: 'INV-2041',
      vendor: 'Northwind Supplies Ltd',
      customer: 'Contoso Ltd',
      date: '2025-03-02',
      lineItems: [
        { description: 'A4 paper boxes', quantity: 3, unitPrice: 4.5, amount: 13.5 },
        { description: 'Toner cartridge', quantity: 2, unitPrice: 60, amount: 120 },
        { description: 'Desk lamp', quantity: 1, unitPrice: 25.99, amount: 25.99 },
      ],
      total: 159.49,
      currency: 'USD',
    });
  });

  it('classifies news topics by the words that signal each label, not always the first label', () => {
    const schema = {
      type: 'OBJECT',
      properties: {
        topic: { type: 'STRING', enum: ['sports', 'politics', 'technology', 'business', 'health'] },
      },
      required: ['topic'],
    };
    const topicOf = (text: string) =>
      json(
        ask(`Classify the topic of: ${text}`, {
          generationConfig: { responseMimeType: 'application/json', responseSchema: schema as never },
        }),
      );
    expect(
      [
        'The striker scored twice as the team won the league match on Sunday.',
        'Parliament will vote on the new election law next week, the minister said.',
        'The startup released an AI chip for cloud data centers.',
        'Shares rose after the company reported record quarterly revenue and profit.',
        'Hospital doctors say the new vaccine cut disease rates among patients.',
      ].map(topicOf),
    ).toEqual([
      { topic: 'sports' },
      { topic: 'politics' },
      { topic: 'technology' },
      { topic: 'business' },
      { topic: 'health' },
    ]);
  });

  it('classifies a support ticket with enums and a bounded confidence', () => {
    const schema = {
      type: 'OBJECT',
      properties: {
        category: { type: 'STRING', enum: ['shipping', 'billing', 'technical', 'account', 'other'] },
        sentiment: { type: 'STRING', enum: ['positive', 'neutral', 'negative'] },
        confidence: { type: 'NUMBER', minimum: 0, maximum: 1 },
      },
      required: ['category', 'sentiment', 'confidence'],
    };
    const request = ask(
      'Classify this support ticket: "I was charged twice on my billing statement and I am upset."',
      {
        generationConfig: { responseMimeType: 'application/json', responseSchema: schema as never },
      },
    );
    expect(json(request)).toEqual({ category: 'billing', sentiment: 'negative', confidence: 0.9 });
  });

  it('reads currencies from their symbols and news events from their cue words', () => {
    const schema = {
      type: 'OBJECT',
      properties: {
        event: {
          type: 'STRING',
          enum: ['acquisition', 'earnings', 'stock_move', 'partnership', 'appointment', 'financing'],
        },
        currency: { type: 'STRING', enum: ['USD', 'EUR', 'GBP'] },
      },
      required: ['event', 'currency'],
    };
    const record = (text: string) =>
      json(
        ask(text, {
          generationConfig: { responseMimeType: 'application/json', responseSchema: schema as never },
        }),
      );
    expect(
      record('Shares of Kestrel Motors Inc. fell 12% after it cut its forecast; it had raised €300 million.'),
    ).toEqual({
      event: 'stock_move',
      currency: 'EUR',
    });
    expect(record('Silverline Bank reported quarterly revenue of £85 million, beating estimates.')).toEqual({
      event: 'earnings',
      currency: 'GBP',
    });
    expect(
      record('Atlas Aerospace Corp. and Lumen Health Inc. formed a joint venture worth $2 billion.'),
    ).toEqual({
      event: 'partnership',
      currency: 'USD',
    });
  });
});
