import { findDates } from './find-dates.js';
import type { Span } from './find-names.js';
import { Coverage } from './span-coverage.js';

/** A money amount found in text, with its value and ISO currency when written. */
export interface AmountSpan extends Span {
  value: number;
  currency?: string;
}

/** A number found in text, with its value. */
export interface NumberSpan extends Span {
  value: number;
}

const currencySymbols: Record<string, string> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₽': 'RUB',
  '₺': 'TRY',
};
const currencyWords: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  yen: 'JPY',
  francs: 'CHF',
  rupees: 'INR',
};
const scaleWords: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
};
const codes = 'USD|EUR|GBP|JPY|CHF|CAD|AUD|CNY|INR|SEK|NOK|DKK|BRL|MXN|KRW|SGD|HKD|NZD|ZAR|RUB|TRY|PLN';
const number = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const scale = '(?:\\s*(thousand|million|billion|trillion|bn|mn|k|m|b)\\b)?';
const amountPattern = new RegExp(
  `(?:([$€£¥₹₩₽₺])\\s?(${number})${scale})|(?:\\b(${codes})\\s?(${number})${scale})|(?:\\b(${number})${scale}\\s*(${codes}|dollars?|euros?|pounds?|yen|francs|rupees)\\b)`,
  'gi',
);

/** Money amounts in text ("$1,200.50", "€3 million", "USD 400", "25 euros"), in order. */
export function findAmounts(text: string): AmountSpan[] {
  const found: AmountSpan[] = [];
  for (const match of text.matchAll(amountPattern)) {
    const [
      whole,
      symbol,
      symbolNumber,
      symbolScale,
      code,
      codeNumber,
      codeScale,
      wordNumber,
      wordScale,
      unit,
    ] = match;
    const digits = symbolNumber ?? codeNumber ?? wordNumber ?? '0';
    const multiplier = scaleWords[(symbolScale ?? codeScale ?? wordScale ?? '').toLowerCase()] ?? 1;
    const currency =
      (symbol === undefined ? undefined : currencySymbols[symbol]) ??
      code?.toUpperCase() ??
      (unit === undefined ? undefined : (currencyWords[unit.toLowerCase()] ?? unit.toUpperCase()));
    found.push({
      text: whole.trim(),
      index: match.index,
      value: Number(digits.replace(/,/g, '')) * multiplier,
      ...(currency === undefined ? {} : { currency }),
    });
  }
  return found;
}

/** Plain numbers in text (with thousands separators, decimals and a sign), in order; dates excluded. */
export function findNumbers(text: string): NumberSpan[] {
  const dateCoverage = new Coverage();
  for (const date of findDates(text)) dateCoverage.add(date);
  const found: NumberSpan[] = [];
  for (const match of text.matchAll(
    /(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])-?\d+(?:\.\d+)?(?![\w]|\.\d)/g,
  )) {
    const span = { text: match[0], index: match.index, value: Number(match[0].replace(/,/g, '')) };
    if (dateCoverage.overlaps(span)) continue;
    found.push(span);
  }
  return found;
}
