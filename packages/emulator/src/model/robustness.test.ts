import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emulatedModels } from '../catalog/emulated-models.js';
import { validateGenerateContentRequest } from '../validation/validate-request.js';
import { createRandom } from './deterministic-hash.js';
import { generateAnswer } from './generate-answer.js';

/**
 * Seeded mutation fuzzing: recorded real requests with one value replaced, a key added or an element
 * dropped. Validation must answer (null or a violation with a message) and never throw; every request it
 * accepts must get a well-formed answer from every model.
 */

const fixtures = new URL('../../fixtures/gemini-recorded/', import.meta.url);
const requests: unknown[] = readdirSync(fixtures)
  .filter((file) => file.endsWith('.request.json'))
  .map((file) => JSON.parse(readFileSync(new URL(file, fixtures), 'utf8')));

const replacements: unknown[] = [
  null,
  0,
  -1,
  1.5,
  'x',
  '',
  true,
  [],
  {},
  [1, 'a'],
  { type: 'OBJECT' },
  'ANY',
  'model',
  2 ** 40,
];

type Random = () => number;

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}

function mutate(request: unknown, random: Random): unknown {
  const copy = structuredClone(request) as Record<string, unknown>;
  const all = paths(copy).filter((path) => path.length > 0);
  const path = all[Math.floor(random() * all.length)] ?? [];
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  const last = path.at(-1);
  if (last === undefined || typeof parent !== 'object' || parent === null) return copy;
  const container = parent as Record<string | number, unknown>;
  const action = Math.floor(random() * 3);
  if (action === 0) container[last] = replacements[Math.floor(random() * replacements.length)];
  else if (action === 1 && Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (action === 1) delete container[last];
  else if (
    typeof container[last] === 'object' &&
    container[last] !== null &&
    !Array.isArray(container[last])
  ) {
    (container[last] as Record<string, unknown>).unexpectedField = 1;
  } else container[last] = replacements[Math.floor(random() * replacements.length)];
  return copy;
}

describe('robustness on mutated real requests', () => {
  it('validates 600 mutations without throwing, and answers every accepted one', () => {
    const random = createRandom(42);
    let accepted = 0;
    let refused = 0;
    for (let index = 0; index < 600; index += 1) {
      const request = mutate(requests[index % requests.length], random);
      const model = emulatedModels[index % emulatedModels.length];
      if (model === undefined) throw new Error('no models');
      const violation = validateGenerateContentRequest(request, model);
      if (violation !== null) {
        expect(violation.message.length).toBeGreaterThan(0);
        refused += 1;
        continue;
      }
      accepted += 1;
      const answer = generateAnswer(request as never, model, { seed: index });
      expect(typeof answer.finishReason).toBe('string');
      expect(Array.isArray(answer.answerParts)).toBe(true);
      expect(answer.candidatesTokenCount).toBeGreaterThanOrEqual(0);
      expect(answer.thoughtsTokenCount).toBeGreaterThanOrEqual(0);
    }
    // Both paths were exercised, so the test checks something either way.
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });
});
