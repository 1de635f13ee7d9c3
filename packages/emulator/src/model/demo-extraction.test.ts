import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GenerateContentRequest } from '../wire/types.js';
import { generateAnswer } from './generate-answer.js';
import { model } from './test-support/requests.js';

/**
 * The first thing a newcomer sees is `pnpm demo`: packages/examples/pipelines/extract.yaml over the 320
 * news items of packages/examples/data/news.jsonl, answered by this model. These tests send each item
 * exactly as core's llm step sends it (system instruction, prompt template, response schema) and read
 * the answers like a newcomer would. They read the examples' data file (a test-only path, not an
 * import) so the demo's data and this check cannot drift apart.
 */

interface NewsItem {
  id: string;
  source: string;
  text: string;
}

interface Extracted {
  event: string;
  companies: { name: string }[];
  people: { name: string; title?: string }[];
  dates: string[];
  amounts: { value: number; currency: string; context: string }[];
}

const newsFile = new URL('../../../examples/data/news.jsonl', import.meta.url);
const items: NewsItem[] = readFileSync(newsFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as NewsItem);

const system =
  'You extract facts from news items. Use only what the text says; leave a field out when the text does not give it.\n';
const instruction =
  'Extract the companies, people, dates and money amounts from this news item, and classify the event.';
const events = [
  'acquisition',
  'earnings',
  'expansion',
  'stock_move',
  'partnership',
  'regulation',
  'appointment',
  'financing',
];

function demoRequest(item: NewsItem): GenerateContentRequest {
  return {
    systemInstruction: { role: 'system', parts: [{ text: system }] },
    contents: [
      { role: 'user', parts: [{ text: `${instruction}\n\nNews item (${item.source}):\n${item.text}\n` }] },
    ],
    generationConfig: {
      temperature: 0,
      thinkingConfig: { thinkingBudget: 0 },
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'object',
        properties: {
          event: { type: 'string', enum: events },
          companies: {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
          },
          people: {
            type: 'array',
            items: {
              type: 'object',
              properties: { name: { type: 'string' }, title: { type: 'string' } },
              required: ['name'],
            },
          },
          dates: { type: 'array', items: { type: 'string' } },
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
        required: ['event', 'companies', 'people', 'dates', 'amounts'],
      },
    },
  };
}

const flash = model('gemini-2.5-flash');
const answers = items.map((item) => {
  const answer = generateAnswer(demoRequest(item), flash, { seed: 0 });
  return { item, output: JSON.parse(answer.answerParts[0]?.text ?? '') as Extracted };
});

/** What a reader would call each item, from the words that carry its news (independent of the model). */
function expectedEvent(text: string): string {
  if (/\bagreed to acquire\b/.test(text)) return 'acquisition';
  if (/\bnamed .+ as its new\b/.test(text)) return 'appointment';
  if (/^Shares of .+ (fell|rose)\b/.test(text)) return 'stock_move';
  if (/\breported quarterly revenue\b/.test(text)) return 'earnings';
  if (/\bhad raised\b.+\bbond sale\b/.test(text)) return 'financing';
  if (/\bwill open a new plant\b/.test(text)) return 'expansion';
  if (/^Regulators in .+ fined\b/.test(text)) return 'regulation';
  if (/\bannounced a joint venture\b/.test(text)) return 'partnership';
  return 'unknown';
}

/** Money written in the text ("$7.4 billion", "€621 million"), as value and currency. */
function moneyIn(text: string): { value: number; currency: string }[] {
  const currencies: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };
  return [...text.matchAll(/([$€£])(\d+(?:\.\d+)?)\s*(million|billion)?/g)].map((match) => ({
    value: Math.round(Number(match[2]) * (match[3] === 'billion' ? 1e9 : match[3] === 'million' ? 1e6 : 1)),
    currency: currencies[match[1] as string] as string,
  }));
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the demo extraction over all 320 news items', () => {
  it('reads every item of the demo data', () => {
    expect(items).toHaveLength(320);
  });

  it('labels each event by its cue words, so every label the schema offers is used', () => {
    const counts: Record<string, number> = {};
    const wrong: string[] = [];
    for (const { item, output } of answers) {
      counts[output.event] = (counts[output.event] ?? 0) + 1;
      if (output.event !== expectedEvent(item.text)) wrong.push(`${item.id}: ${output.event}`);
    }
    expect(wrong).toEqual([]);
    expect(Object.keys(counts).sort()).toEqual([...events].sort());
  });

  it('takes every name, title and context from the news item, never from the instructions', () => {
    const leaks: string[] = [];
    for (const { item, output } of answers) {
      const text = flat(item.text);
      const strings = [
        ...output.companies.map((company) => company.name),
        ...output.people.flatMap((person) => [
          person.name,
          ...(person.title === undefined ? [] : [person.title]),
        ]),
        ...output.amounts.map((amount) => amount.context),
      ];
      for (const value of strings) {
        if (!text.toLowerCase().includes(flat(value).toLowerCase())) leaks.push(`${item.id}: ${value}`);
        if (/\b(extract|classify|news item)\b/i.test(value) || value.includes(item.source))
          leaks.push(`${item.id}: ${value}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('gives amounts only where the item states one, with its value, currency and sentence', () => {
    const wrong: string[] = [];
    for (const { item, output } of answers) {
      const stated = moneyIn(item.text);
      const given = output.amounts.map(({ value, currency }) => ({ value: Math.round(value), currency }));
      if (JSON.stringify(given) !== JSON.stringify(stated))
        wrong.push(`${item.id}: ${JSON.stringify(given)} vs ${JSON.stringify(stated)}`);
    }
    expect(wrong).toEqual([]);
    const withoutMoney = answers.filter(({ item }) => moneyIn(item.text).length === 0);
    expect(withoutMoney.length).toBeGreaterThan(0);
    for (const { output } of withoutMoney) expect(output.amounts).toEqual([]);
  });

  it('names the person each item quotes, with the job title written next to their name', () => {
    for (const { item, output } of answers) {
      expect(output.people.length, item.id).toBeGreaterThan(0);
      for (const person of output.people) {
        expect(person.title, `${item.id}: ${person.name}`).toMatch(
          /^(CEO|CFO|[Pp]resident|[Cc]hief (executive|financial officer|operating officer)|[Hh]ead of investor relations)$/,
        );
      }
    }
  });

  it('dates every item with the date it states, as ISO', () => {
    for (const { item, output } of answers) {
      expect(output.dates.length, item.id).toBeGreaterThan(0);
      for (const date of output.dates) expect(date, item.id).toMatch(/^2026-\d{2}-\d{2}$/);
    }
  });
});
