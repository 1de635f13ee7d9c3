import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './score-sentiment.js';

describe('scoreSentiment', () => {
  it('calls a plainly negative review negative, although "never" comes two words before "Terrible"', () => {
    expect(
      scoreSentiment('The blender broke after two days and support never answered. Terrible.'),
    ).toBeLessThan(0);
  });

  it('flips a sentiment word right after a negator within its sentence', () => {
    expect(scoreSentiment('The service was not good')).toBeLessThan(0);
    expect(scoreSentiment('It was not bad at all')).toBeGreaterThan(0);
  });

  it('lets no negator reach into the next sentence', () => {
    expect(scoreSentiment('We got no reply! Great product though')).toBeGreaterThan(0);
  });

  it('calls text with no sentiment words neutral', () => {
    expect(scoreSentiment('The parcel arrived on Tuesday.')).toBe(0);
  });
});
