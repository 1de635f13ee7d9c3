import { describe, expect, it } from 'vitest';
import { findEmulatedModel } from '../catalog/emulated-models.js';
import { generateAnswer } from './generate-answer.js';

const flash = findEmulatedModel('gemini-2.5-flash');
if (flash === undefined) throw new Error('gemini-2.5-flash missing from the catalog');

const news = [
  'Acme Corp. agreed on March 3, 2024 to acquire Globex Inc for $1.2 billion, CEO Maria Lopez said.',
  'The deal, announced in Berlin, follows talks with Initech LLC, which had offered €900 million on 2024-02-10.',
  'John Smith, the CFO of Umbrella Group, declined to comment.',
  'Analysts called the deal a strong win for shareholders. Contact press@acme.com or see https://acme.com/news.',
].join(' ');

type Flavour = 'responseSchema' | 'responseJsonSchema';

function structured(prompt: string, flavour: Flavour, schema: unknown, seed = 1): unknown {
  const answer = generateAnswer(
    {
      contents: [{ role: 'user', parts: [{ text: prompt }] }],
      generationConfig: { responseMimeType: 'application/json', [flavour]: schema },
    },
    flash as NonNullable<typeof flash>,
    { seed },
  );
  const text = answer.answerParts.map((part) => part.text ?? '').join('');
  return JSON.parse(text);
}

describe('structured output draws its values from the prompt', () => {
  const dealSchema = {
    type: 'OBJECT',
    properties: {
      companies: {
        type: 'ARRAY',
        items: {
          type: 'OBJECT',
          properties: {
            name: { type: 'STRING' },
            amount: { type: 'NUMBER', nullable: true },
            date: { type: 'STRING', format: 'date', nullable: true },
          },
          required: ['name'],
        },
      },
      people: { type: 'ARRAY', items: { type: 'STRING' } },
      sentiment: { type: 'STRING', enum: ['negative', 'neutral', 'positive'] },
      location: { type: 'STRING' },
      email: { type: 'STRING' },
      website: { type: 'STRING' },
    },
    required: ['companies', 'people', 'sentiment', 'location', 'email', 'website'],
  };

  it('lists one item per company mentioned, with the amount and date of its own sentence', () => {
    const value = structured(
      `Extract the companies from this news item:\n\n${news}`,
      'responseSchema',
      dealSchema,
    ) as {
      companies: { name: string; amount?: number; date?: string }[];
    };
    expect(value.companies.map((company) => company.name)).toEqual([
      'Acme Corp.',
      'Globex Inc',
      'Initech LLC',
      'Umbrella Group',
    ]);
    expect(value.companies[0]).toEqual({ name: 'Acme Corp.', amount: 1_200_000_000, date: '2024-03-03' });
    expect(value.companies[2]).toEqual({ name: 'Initech LLC', amount: 900_000_000, date: '2024-02-10' });
  });

  it('takes people, places, contacts and the sentiment from the text', () => {
    const value = structured(
      `Extract the companies from this news item:\n\n${news}`,
      'responseSchema',
      dealSchema,
    );
    expect(value).toMatchObject({
      people: ['Maria Lopez', 'John Smith'],
      sentiment: 'positive',
      location: 'Berlin',
      email: 'press@acme.com',
      website: 'https://acme.com/news',
    });
  });

  it('lists one amount per sum the item states, and none when it states none', () => {
    const schema = {
      type: 'object',
      properties: {
        amounts: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              value: { type: 'number' },
              currency: { type: 'string', enum: ['USD', 'EUR', 'GBP'] },
              context: { type: 'string' },
            },
            required: ['value', 'currency', 'context'],
          },
        },
      },
      required: ['amounts'],
    };
    const prompt = (item: string) =>
      `Extract the money amounts (at most 3, in USD or EUR) from this news item.\n\nNews item:\n${item}`;
    expect(
      structured(
        prompt('Acme Corp. named Ann Lee as its new CEO. She led its expansion.'),
        'responseJsonSchema',
        schema,
      ),
    ).toEqual({ amounts: [] });
    expect(
      structured(
        prompt('Acme Corp. raised €300 million in bonds. It also repaid a $40 million loan.'),
        'responseJsonSchema',
        schema,
      ),
    ).toEqual({
      amounts: [
        { value: 300_000_000, currency: 'EUR', context: 'Acme Corp. raised €300 million in bonds.' },
        { value: 40_000_000, currency: 'USD', context: 'It also repaid a $40 million loan.' },
      ],
    });
  });

  it('picks the enum value the text names', () => {
    const schema = {
      type: 'object',
      properties: { priority: { enum: ['low', 'medium', 'high', 'urgent'] } },
      required: ['priority'],
    };
    expect(
      structured(
        'Ticket 4411: the checkout page is down, this is urgent, customers cannot pay.',
        'responseJsonSchema',
        schema,
      ),
    ).toEqual({ priority: 'urgent' });
  });

  it('reads invoice totals and currencies as numbers and codes', () => {
    const schema = {
      type: 'object',
      properties: {
        vendor: { type: 'string' },
        total: { type: 'number' },
        currency: { type: 'string' },
        dueDate: { type: 'string', format: 'date' },
      },
      required: ['vendor', 'total', 'currency', 'dueDate'],
    };
    const invoice = 'Invoice from Northwind Traders Ltd. Total due: €4,250.75, payable by 15 April 2025.';
    expect(structured(invoice, 'responseJsonSchema', schema)).toEqual({
      vendor: 'Northwind Traders Ltd.',
      total: 4250.75,
      currency: 'EUR',
      dueDate: '2025-04-15',
    });
  });

  it('fills list fields from an enumeration in the prompt', () => {
    const schema = {
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'string' } } },
      required: ['items'],
    };
    expect(
      structured('Store the following items: apple, banana, cherry.', 'responseJsonSchema', schema),
    ).toEqual({
      items: ['apple', 'banana', 'cherry'],
    });
  });

  it('returns null for a nullable field the text has nothing for', () => {
    const schema = {
      type: 'object',
      properties: { email: { type: ['string', 'null'], format: 'email' } },
      required: ['email'],
    };
    expect(structured('Nothing to see here.', 'responseJsonSchema', schema)).toEqual({ email: null });
  });

  it('answers text/x.enum with the best enum value as plain text', () => {
    const answer = generateAnswer(
      {
        contents: [
          { role: 'user', parts: [{ text: 'Classify: "I love this phone, the battery is great."' }] },
        ],
        generationConfig: {
          responseMimeType: 'text/x.enum',
          responseSchema: { type: 'STRING', enum: ['negative', 'neutral', 'positive'] },
        },
      },
      flash,
      { seed: 3 },
    );
    expect(answer.answerParts[0]?.text).toBe('positive');
  });

  it('answers application/json without a schema with an object of the answer and key terms', () => {
    const answer = generateAnswer(
      {
        contents: [{ role: 'user', parts: [{ text: 'Describe the Berlin office move.' }] }],
        generationConfig: { responseMimeType: 'application/json' },
      },
      flash,
      { seed: 3 },
    );
    const value = JSON.parse(answer.answerParts[0]?.text ?? '');
    expect(Object.keys(value)).toEqual(['answer', 'keyTerms']);
    expect(value.keyTerms).toContain('Berlin');
  });
});
