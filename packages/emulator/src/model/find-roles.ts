import type { Span } from './find-names.js';

/**
 * Job titles as news and business text write them: "CEO David Cohen", "Chen Wei, its CFO", "named Peter
 * Novak as its new chief operating officer", "Head of investor relations Grace Kim".
 */
const rolePattern =
  /\b(?:chief [a-z]+(?: [a-z]+)? officer|chief executive|CEO|CFO|COO|CTO|CMO|CIO|(?:executive |senior )?vice[- ]president|president|chair(?:man|woman|person)?|managing director|(?:finance |marketing |sales |technical |research )?director|co-?founder|founder|general counsel|head of (?:[a-z]+ ?){1,3}|treasurer|spokes(?:person|man|woman)|minister|mayor|governor|professor)\b/gi;

/** How far (in characters) a role may be from the name it belongs to. */
const maxGap = 60;

/** Job titles in a text, in order, as written ("Chief financial officer James Okafor" gives the capital). */
export function findRoles(text: string): Span[] {
  const roles: Span[] = [];
  for (const match of text.matchAll(rolePattern)) {
    // "Head of investor relations Grace Kim" or "head of investor relations of Acme": the role ends
    // before the name and before a trailing "of".
    const phrase = match[0]
      .replace(/\s+\p{Lu}[\s\S]*$/u, '')
      .trim()
      .replace(/\s+(?:of|at|for|and)$/, '');
    roles.push({ text: phrase, index: match.index });
  }
  return roles;
}

/**
 * The roles written next to `name` in `text` (at most 60 characters away, on either side), nearest
 * first; roles of the whole text in order when no name is given.
 */
export function rolesNear(text: string, name: string | undefined): string[] {
  const roles = findRoles(text);
  if (name === undefined || name.trim() === '') return roles.map((role) => role.text);
  const positions: number[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) positions.push(at);
  const gap = (role: Span) =>
    Math.min(
      ...positions.map((at) =>
        role.index >= at + name.length
          ? role.index - (at + name.length)
          : at >= role.index + role.text.length
            ? at - (role.index + role.text.length)
            : Number.POSITIVE_INFINITY,
      ),
    );
  return roles
    .map((role) => ({ role, distance: gap(role) }))
    .filter((entry) => entry.distance <= maxGap)
    .sort((left, right) => left.distance - right.distance)
    .map((entry) => entry.role.text);
}
