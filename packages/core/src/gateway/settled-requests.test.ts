import { describe, expect, it } from 'vitest';
import { SettledRequests } from './settled-requests.js';

function contents(settled: SettledRequests): [number, number][] {
  return Array.from({ length: settled.size }, (_, index) => [settled.timeAt(index), settled.tokensAt(index)]);
}

describe('SettledRequests', () => {
  it('keeps requests in time order, a late one placed after every one counting from its time or earlier', () => {
    const settled = new SettledRequests();
    settled.add(10, 1);
    settled.add(30, 3);
    settled.add(20, 2);
    settled.add(30, 4);
    settled.add(5, 5);
    expect(contents(settled)).toEqual([
      [5, 5],
      [10, 1],
      [20, 2],
      [30, 3],
      [30, 4],
    ]);
  });

  it('stays in order through growing, wrapping around and shrinking, dropping the oldest first', () => {
    const settled = new SettledRequests();
    const model: [number, number][] = [];
    let time = 0;
    // Grows past the initial ring, drops from the front while adding (the ring wraps), then drains.
    for (let step = 0; step < 20_000; step += 1) {
      time += 1;
      // Every seventh one counts from a little earlier, as an answer capped at its send plus the lag.
      const at = step % 7 === 0 ? time - 3 : time;
      settled.add(at, step);
      let index = model.length;
      while (index > 0 && (model[index - 1]?.[0] ?? 0) > at) index -= 1;
      model.splice(index, 0, [at, step]);
      if (step % 3 === 0) {
        expect(settled.dropOldest()).toBe(model.shift()?.[1]);
      }
    }
    expect(contents(settled)).toEqual(model);
    while (settled.size > 0) expect(settled.dropOldest()).toBe(model.shift()?.[1]);
    expect(model).toEqual([]);
  });
});
