import ts from 'typescript';

/**
 * Names of the package's own declarations that the signatures of `symbols` use but that no entry point of
 * the package exports: users see them in hover text and error messages but cannot import them. Bodies,
 * initializers and private members are not part of a signature, so they are not looked at; nor is
 * `typeof value`, whose type is spelled out wherever it shows.
 */
export function unexportedReferences(
  symbols: readonly ts.Symbol[],
  exportedTargets: ReadonlySet<ts.Symbol>,
  sourceDir: string,
  checker: ts.TypeChecker,
): string[] {
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (isPrivateMember(node)) return;
    const name = referencedName(node);
    if (name !== undefined) {
      const symbol = checker.getSymbolAtLocation(name);
      const target =
        symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const file = target?.declarations?.[0]?.getSourceFile().fileName;
      if (
        target !== undefined &&
        file?.startsWith(sourceDir) &&
        !(target.flags & ts.SymbolFlags.TypeParameter) &&
        !exportedTargets.has(target)
      ) {
        found.add(target.name);
      }
    }
    ts.forEachChild(node, (child) => {
      if (!isOutsideSignature(node, child)) visit(child);
    });
  };
  for (const symbol of symbols) {
    for (const declaration of symbol.declarations ?? []) {
      // A variable without a type annotation has an inferred type: nothing in its text to follow.
      if (ts.isVariableDeclaration(declaration) && declaration.type === undefined) continue;
      visit(declaration);
    }
  }
  return [...found].sort();
}

function referencedName(node: ts.Node): ts.Node | undefined {
  if (ts.isTypeReferenceNode(node)) return node.typeName;
  if (ts.isExpressionWithTypeArguments(node)) return node.expression;
  return undefined;
}

function isOutsideSignature(parent: ts.Node, child: ts.Node): boolean {
  if (ts.isFunctionLike(parent) && 'body' in parent && parent.body === child) return true;
  if (
    (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent)) &&
    parent.initializer === child
  ) {
    return true;
  }
  return false;
}

function isPrivateMember(node: ts.Node): boolean {
  if (!ts.isClassElement(node)) return false;
  if (node.name !== undefined && ts.isPrivateIdentifier(node.name)) return true;
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword) ?? false)
  );
}
