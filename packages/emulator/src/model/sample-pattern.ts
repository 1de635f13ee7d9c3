/**
 * Builds a short string matching a regular expression, for schema strings with a `pattern` and no
 * matching text in the prompt. Supports literals, escapes (\d \w \s and escaped symbols), `.`, character
 * classes with ranges and negation, groups, alternation and the usual quantifiers; the shortest
 * repetition allowed is used. Returns undefined for what it cannot build (back-references, lookaround).
 */
export function samplePattern(pattern: string): string | undefined {
  let position = 0;
  const source = pattern;

  function parseAlternation(): string | undefined {
    const branches: (string | undefined)[] = [parseSequence()];
    while (source[position] === '|') {
      position += 1;
      branches.push(parseSequence());
    }
    return branches.find((branch) => branch !== undefined);
  }

  function parseSequence(): string | undefined {
    let result = '';
    while (position < source.length && source[position] !== '|' && source[position] !== ')') {
      const atom = parseAtom();
      if (atom === undefined) return undefined;
      const [min] = parseQuantifier();
      if (min === undefined) return undefined;
      result += atom.repeat(min);
    }
    return result;
  }

  function parseQuantifier(): [number | undefined] {
    const char = source[position];
    let min = 1;
    if (char === '*' || char === '?') {
      min = 0;
      position += 1;
    } else if (char === '+') {
      position += 1;
    } else if (char === '{') {
      const match = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(position));
      if (match === null) return [1];
      min = Number(match[1]);
      position += match[0].length;
    }
    if (source[position] === '?' || source[position] === '+') position += 1;
    return [min];
  }

  function parseAtom(): string | undefined {
    const char = source[position];
    position += 1;
    switch (char) {
      case '^':
      case '$':
        return '';
      case '.':
        return 'a';
      case '(': {
        if (source[position] === '?') {
          if (source[position + 1] !== ':') return undefined;
          position += 2;
        }
        const inner = parseAlternation();
        if (source[position] !== ')') return undefined;
        position += 1;
        return inner;
      }
      case '[':
        return parseClass();
      case '\\':
        return parseEscape();
      default:
        return char;
    }
  }

  function parseEscape(): string | undefined {
    const char = source[position];
    position += 1;
    if (char === undefined) return undefined;
    if (char === 'd') return '0';
    if (char === 'w') return 'a';
    if (char === 's') return ' ';
    if (char === 'D' || char === 'W' || char === 'S') return '-';
    if (char === 'b' || char === 'B') return '';
    if (/\d/.test(char)) return undefined;
    if (char === 'n') return '\n';
    if (char === 't') return '\t';
    return char;
  }

  function parseClass(): string | undefined {
    const negated = source[position] === '^';
    if (negated) position += 1;
    const members: string[] = [];
    let first = true;
    while (position < source.length && (source[position] !== ']' || first)) {
      first = false;
      let char = source[position] ?? '';
      position += 1;
      if (char === '\\') {
        const escaped = parseEscape();
        if (escaped === undefined) return undefined;
        members.push(escaped);
        continue;
      }
      if (source[position] === '-' && source[position + 1] !== ']' && position + 1 < source.length) {
        const end = source[position + 1] ?? char;
        position += 2;
        for (
          let code = char.charCodeAt(0);
          code <= end.charCodeAt(0) && code < char.charCodeAt(0) + 128;
          code += 1
        ) {
          members.push(String.fromCharCode(code));
        }
        char = '';
        continue;
      }
      members.push(char);
    }
    position += 1;
    if (!negated) return members[0];
    for (const candidate of 'abcxyzABC019-_ ') if (!members.includes(candidate)) return candidate;
    return undefined;
  }

  const result = parseAlternation();
  if (result === undefined || position < source.length) return undefined;
  try {
    return new RegExp(pattern, 'u').test(result) ? result : undefined;
  } catch {
    return undefined;
  }
}
