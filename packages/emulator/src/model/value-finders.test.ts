import { describe, expect, it } from 'vitest';
import { evaluateExpression, findExpressions } from './arithmetic.js';
import { findAmounts, findNumbers } from './find-amounts.js';
import { findDates } from './find-dates.js';
import { findCapitalizedPhrases, findNames } from './find-names.js';
import { describeRecordLine, findIdentifiers, findRecordLines } from './find-records.js';
import {
  findEmails,
  findEnumeration,
  findFilePaths,
  findPhones,
  findQuoted,
  findUrls,
} from './find-values.js';
import { samplePattern } from './sample-pattern.js';
import { synthesizeExpression } from './synthesize-expression.js';

const texts = (spans: { text: string }[]) => spans.map((span) => span.text);

describe('finding values in text', () => {
  it('reads dates in the usual English forms as ISO dates, and rejects impossible ones', () => {
    const dates = findDates(
      'Signed March 3, 2024; due 5 April 2025, paid 2024-06-30, filed 03/07/2024, Feb 30, 2024 is not a day.',
    );
    expect(dates.map((date) => date.iso)).toEqual(['2024-03-03', '2025-04-05', '2024-06-30', '2024-03-07']);
  });

  it('reads money amounts with symbols, codes, words and scales', () => {
    expect(
      findAmounts('$1,200.50, €3 million, USD 400 and 25 euros').map(({ value, currency }) => [
        value,
        currency,
      ]),
    ).toEqual([
      [1200.5, 'USD'],
      [3_000_000, 'EUR'],
      [400, 'USD'],
      [25, 'EUR'],
    ]);
  });

  it('reads plain numbers but not the parts of dates or of words like Q3', () => {
    expect(
      findNumbers('Q3 had 1,250 units on 2024-06-30, up 3.5 points.').map((number) => number.value),
    ).toEqual([1250, 3.5]);
  });

  it('finds contacts, paths, quotes, identifiers and enumerations', () => {
    const text =
      'Mail ana@example.com, see https://example.com/a. Call +1 (555) 123-4567. Open notes/q3-report.md or data.csv; say "good morning". Order ORD-2041.';
    expect(texts(findEmails(text))).toEqual(['ana@example.com']);
    expect(texts(findUrls(text))).toEqual(['https://example.com/a']);
    expect(texts(findPhones(text))).toEqual(['+1 (555) 123-4567']);
    expect(texts(findFilePaths(text))).toEqual(['notes/q3-report.md', 'data.csv']);
    expect(texts(findQuoted(text))).toEqual(['good morning']);
    expect(texts(findIdentifiers(text))).toEqual(['ORD-2041']);
    expect(findEnumeration('Store the following items: apple, banana and cherry.')).toEqual([
      'apple',
      'banana',
      'cherry',
    ]);
    expect(findEnumeration('No list here.')).toEqual([]);
  });

  it('tells companies, people and places apart', () => {
    const text =
      'Acme Corp. will acquire Globex Inc, CEO Maria Lopez said in Berlin. John Smith, the CFO of Umbrella Group, agreed.';
    expect(texts(findNames(text, 'company'))).toEqual(['Acme Corp.', 'Globex Inc', 'Umbrella Group']);
    expect(texts(findNames(text, 'person'))).toEqual(['Maria Lopez', 'John Smith']);
    expect(texts(findNames(text, 'place'))).toEqual(['Berlin']);
  });

  it('tells a person "of" a company apart from the company, and keeps "Bank of ..." whole', () => {
    const text =
      'Summit Pharmaceuticals Ltd agreed to buy Atlas Corp., James Okafor of Summit Pharmaceuticals Ltd said. Bank of Tokyo agreed.';
    expect(texts(findNames(text, 'person'))).toEqual(['James Okafor']);
    expect(texts(findNames(text, 'company'))).toEqual(['Summit Pharmaceuticals Ltd', 'Atlas Corp.']);
    expect(texts(findCapitalizedPhrases(text))).toContain('Bank of Tokyo');
    const unknownFirstName =
      'Nimbus Cloud Corp. agreed to buy it, Rahul Mehta of Nimbus Cloud Corp., chief executive, said.';
    expect(texts(findNames(unknownFirstName, 'person'))).toEqual(['Rahul Mehta']);
    expect(texts(findNames('Acme Corp. named Rahul Mehta as its new chief executive.', 'person'))).toEqual([
      'Rahul Mehta',
    ]);
  });

  it('reads priced record lines and what each is about, skipping totals', () => {
    const lines = findRecordLines(
      '3 x A4 paper @ $4.50 = $13.50\n2 x Toner @ $60.00 = $120.00\nTotal: $133.50',
    );
    expect(lines.map((line) => describeRecordLine(line.text))).toEqual(['A4 paper', 'Toner']);
  });

  it('does not read a prose paragraph that mentions money as a record line', () => {
    expect(
      findRecordLines(
        'Helix Biotech Corp. said on March 11, 2026 that it had raised €621 million in a bond sale. The offering was oversubscribed.',
      ),
    ).toEqual([]);
  });
});

describe('arithmetic', () => {
  it('finds expressions written with symbols or words, and evaluates them exactly', () => {
    expect(findExpressions('compute 12 x 7, add 2 and 3, then (3+4)/2 and 15% of 240')).toEqual([
      '12 * 7',
      '2 + 3',
      '(3 + 4) / 2',
      '15 / 100 * 240',
    ]);
    expect(['12 * 7', '2 ^ 3 ^ 2', '-4 + 10 % 4', '(1 + 2'].map(evaluateExpression)).toEqual([
      84,
      512,
      -2,
      undefined,
    ]);
  });

  it('builds the arithmetic a request asks for over numbers found elsewhere', () => {
    const material = 'The marketing budget for Q3 is $12,500. The team has 6 people.';
    expect(synthesizeExpression('What is the marketing budget times 4?', material)).toBe('12500 * 4');
    expect(synthesizeExpression('Double the marketing budget.', material)).toBe('12500 * 2');
    expect(synthesizeExpression('Who leads the team?', material)).toBeUndefined();
  });
});

describe('samplePattern', () => {
  it('builds a string that matches simple patterns, and gives up on what it cannot build', () => {
    for (const pattern of [
      '^\\d{4}-\\d{2}-\\d{2}$',
      '^[A-Z]{3}$',
      '^(foo|bar)+$',
      '^INV-[0-9]{5}$',
      '[^abc]+',
    ]) {
      expect(new RegExp(pattern, 'u').test(samplePattern(pattern) ?? '\u0000')).toBe(true);
    }
    expect(samplePattern('(a)\\1')).toBeUndefined();
    expect(samplePattern('^(?=x)')).toBeUndefined();
  });
});
