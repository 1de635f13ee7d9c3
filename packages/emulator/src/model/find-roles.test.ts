import { describe, expect, it } from 'vitest';
import { findRoles, rolesNear } from './find-roles.js';

describe('job titles next to names', () => {
  it('finds titles written before or after a name, as acronyms or words', () => {
    const text =
      'CEO David Cohen said so. Chen Wei, its CFO, agreed. Head of investor relations Grace Kim declined to comment.';
    expect(findRoles(text).map((role) => role.text)).toEqual(['CEO', 'CFO', 'Head of investor relations']);
  });

  it('gives each person the title nearest to their name', () => {
    const text =
      'Summit Pharmaceuticals Ltd agreed to acquire Atlas Aerospace Corp., James Okafor of Summit Pharmaceuticals Ltd, chief financial officer, said.';
    expect(rolesNear(text, 'James Okafor')).toEqual(['chief financial officer']);
    expect(rolesNear('Summit named Peter Novak as its new CEO, effective May 1.', 'Peter Novak')[0]).toBe(
      'CEO',
    );
  });

  it('gives no title when none is written near the name', () => {
    expect(rolesNear('Peter Novak joins from Cobalt Semiconductors Ltd next month.', 'Peter Novak')).toEqual(
      [],
    );
  });
});
