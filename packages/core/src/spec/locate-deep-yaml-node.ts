import { type CST, Parser } from 'yaml';

/**
 * The offset of the first collection nested deeper than `maxDepth` in YAML text, or undefined when there
 * is none. It walks the parser's concrete syntax tree with an explicit stack: the `yaml` lexer and CST
 * parser keep their own stack too (only composing a document recurses per level), so this finds the
 * place at any depth, even where composing would overflow the call stack. Pass the tokens of
 * `new Parser().parse(source)` to reuse a parse.
 */
export function locateDeepYamlNode(
  source: string | readonly CST.Token[],
  maxDepth: number,
): number | undefined {
  const tokens = typeof source === 'string' ? new Parser().parse(source) : source;
  for (const top of tokens) {
    const pending: { token: CST.Token; depth: number }[] = [{ token: top, depth: 0 }];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const { token, depth } = next;
      if (token.type === 'document') {
        if (token.value) pending.push({ token: token.value, depth });
        continue;
      }
      if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection')
        continue;
      if (depth + 1 > maxDepth) return token.offset;
      // Pushed last to first, so the walk goes in source order and finds the first deep place.
      const children: CST.Token[] = [];
      for (const item of token.items as { key?: CST.Token | null; value?: CST.Token }[]) {
        if (item.key) children.push(item.key);
        if (item.value) children.push(item.value);
      }
      for (let index = children.length - 1; index >= 0; index--) {
        pending.push({ token: children[index] as CST.Token, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
