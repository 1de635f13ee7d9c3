import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { unexportedReferences } from './unexported-references.js';

/** One entry point of a package: the subpath users import and the source file behind it. */
export interface EntryPoint {
  /** `@tokenflow/core` or `@tokenflow/core/gateway`. */
  readonly specifier: string;
  /** The `@tokenflow/source` target of the export, absolute. */
  readonly file: string;
  /** The report file name inside `api/`: `core.index.api.md`, `core.gateway.api.md`. */
  readonly reportName: string;
}

/** The folder that holds the reports (this file's folder). */
export const apiReportDir = dirname(new URL(import.meta.url).pathname);

/** The repository root. */
export const repositoryRoot = resolve(apiReportDir, '..');

/** Packages whose public surface has a report, as folders under `packages/`. */
export const reportedPackages = ['core', 'tools', 'cli', 'emulator', 'queue', 'ui'] as const;

/**
 * The entry points of a package, read from its package.json `exports` (the `@tokenflow/source`
 * condition), so a new subpath gets a report without touching this script.
 */
export function entryPointsOf(packageDir: string): EntryPoint[] {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, string | Record<string, string>>;
  };
  const short = basename(packageDir);
  const entries: EntryPoint[] = [];
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    if (typeof target === 'string' || target['@tokenflow/source'] === undefined) continue;
    const entry = subpath === '.' ? 'index' : subpath.slice(2).replaceAll('/', '-');
    entries.push({
      specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
      file: resolve(packageDir, target['@tokenflow/source']),
      reportName: `${short}.${entry}.api.md`,
    });
  }
  return entries;
}

/**
 * Renders one report per entry point of the package: every exported name, sorted, with its kind and its
 * declaration as TypeScript's declaration emit writes it (no bodies, no comments, no private members).
 * Runs on the sources, so no build is needed first.
 *
 * @returns report file name -> report text
 */
export function renderApiReports(packageDir: string): Map<string, string> {
  const entries = entryPointsOf(packageDir);
  const program = createProgram(packageDir, entries);
  const checker = program.getTypeChecker();
  const declarations = new DeclarationFiles(program);
  const exportsByEntry = entries.map((entry) => {
    const source = program.getSourceFile(entry.file);
    if (source === undefined) {
      throw new Error(`${entry.file}: the entry point of ${entry.specifier} is missing`);
    }
    const moduleSymbol = checker.getSymbolAtLocation(source);
    return moduleSymbol === undefined ? [] : checker.getExportsOfModule(moduleSymbol);
  });
  const targetOf = (symbol: ts.Symbol) =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const exportedTargets = new Set(exportsByEntry.flat().map(targetOf));
  const sourceDir = join(packageDir, 'src');
  const reports = new Map<string, string>();
  entries.forEach((entry, index) => {
    const exported = exportsByEntry[index] ?? [];
    const items = exported.map((symbol) => describeExport(symbol, checker, declarations));
    const unexported = unexportedReferences(exported.map(targetOf), exportedTargets, sourceDir, checker);
    reports.set(entry.reportName, formatReport(entry, packageDir, items, unexported));
  });
  return reports;
}

/**
 * The reports checked in under `api/` for a package (`core.*.api.md` for packages/core), to compare with
 * `renderApiReports`.
 *
 * @returns report file name -> report text
 */
export function storedApiReports(packageDir: string): Map<string, string> {
  const prefix = `${basename(packageDir)}.`;
  const stored = new Map<string, string>();
  for (const file of readdirSync(apiReportDir).sort()) {
    if (file.startsWith(prefix) && file.endsWith('.api.md')) {
      stored.set(file, readFileSync(join(apiReportDir, file), 'utf8'));
    }
  }
  return stored;
}

function createProgram(packageDir: string, entries: readonly EntryPoint[]): ts.Program {
  const configPath = join(packageDir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (parsed === undefined) throw new Error(`${configPath}: cannot be read`);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    inlineSources: false,
    removeComments: true,
    noEmitOnError: false,
    outDir: join(packageDir, '.api-report-out'),
  };
  return ts.createProgram({ rootNames: entries.map((entry) => entry.file), options });
}

/** Declaration emit of the source files that declare exported names, made once per file, in memory. */
class DeclarationFiles {
  readonly #program: ts.Program;
  readonly #emitted = new Map<string, ts.SourceFile>();

  constructor(program: ts.Program) {
    this.#program = program;
  }

  of(source: ts.SourceFile): ts.SourceFile {
    const known = this.#emitted.get(source.fileName);
    if (known !== undefined) return known;
    let text = '';
    this.#program.emit(
      source,
      (fileName, data) => {
        if (fileName.endsWith('.d.ts')) text = data;
      },
      undefined,
      true,
    );
    const emitted = ts.createSourceFile(`${source.fileName}.d.ts`, text, ts.ScriptTarget.Latest, true);
    this.#emitted.set(source.fileName, emitted);
    return emitted;
  }
}

interface ExportItem {
  readonly name: string;
  readonly kind: string;
  readonly typeOnly: boolean;
  readonly text: string;
}

function describeExport(symbol: ts.Symbol, checker: ts.TypeChecker, files: DeclarationFiles): ExportItem {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  // Only worth saying for a value (a class, a function) that users get as a type alone.
  const typeOnly = (target.flags & ts.SymbolFlags.Value) !== 0 && isTypeOnlyExport(symbol, checker);
  const kinds = new Set<string>();
  const texts: string[] = [];
  for (const declaration of target.declarations ?? []) {
    const emitted = files.of(declaration.getSourceFile());
    for (const statement of emitted.statements) {
      const kind = declaredKind(statement, target.name);
      if (kind === undefined) continue;
      kinds.add(kind);
      const text = printStatement(statement, emitted);
      if (!texts.includes(text)) texts.push(text);
    }
  }
  if (texts.length === 0)
    throw new Error(`export "${symbol.name}": no declaration found for "${target.name}"`);
  return { name: symbol.name, kind: [...kinds].join(' + '), typeOnly, text: texts.join('\n') };
}

/** True when some link of the re-export chain is `export type` (no value reaches the user). */
function isTypeOnlyExport(symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  let current: ts.Symbol | undefined = symbol;
  while (current !== undefined && current.flags & ts.SymbolFlags.Alias) {
    for (const declaration of current.declarations ?? []) {
      if (ts.isExportSpecifier(declaration) || ts.isImportSpecifier(declaration)) {
        if (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly) return true;
      }
    }
    current = checker.getImmediateAliasedSymbol(current);
  }
  return false;
}

function declaredKind(statement: ts.Statement, name: string): string | undefined {
  if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return 'function';
  if (ts.isClassDeclaration(statement) && statement.name?.text === name) {
    return hasModifier(statement, ts.SyntaxKind.AbstractKeyword) ? 'abstract class' : 'class';
  }
  if (ts.isInterfaceDeclaration(statement) && statement.name.text === name) return 'interface';
  if (ts.isTypeAliasDeclaration(statement) && statement.name.text === name) return 'type';
  if (ts.isEnumDeclaration(statement) && statement.name.text === name) return 'enum';
  if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name) && statement.name.text === name) {
    return 'namespace';
  }
  if (ts.isVariableStatement(statement)) {
    const declared = statement.declarationList.declarations.some(
      (declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === name,
    );
    if (declared) return statement.declarationList.flags & ts.NodeFlags.Const ? 'const' : 'let';
  }
  return undefined;
}

function hasModifier(node: ts.HasModifiers, kind: ts.SyntaxKind): boolean {
  return ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false;
}

/** The statement as declaration emit wrote it, without `export`/`declare` and without private members. */
function printStatement(statement: ts.Statement, file: ts.SourceFile): string {
  let text = statement.getText(file);
  if (ts.isClassDeclaration(statement)) {
    const start = statement.getStart(file);
    const hidden = statement.members.filter(
      (member) =>
        (member.name !== undefined && ts.isPrivateIdentifier(member.name)) ||
        hasModifier(member as ts.HasModifiers, ts.SyntaxKind.PrivateKeyword),
    );
    for (const member of hidden.reverse()) {
      text = text.slice(0, member.getFullStart() - start) + text.slice(member.getEnd() - start);
    }
  }
  return text.replace(/^export /, '').replace(/^declare /, '');
}

function formatReport(
  entry: EntryPoint,
  packageDir: string,
  items: readonly ExportItem[],
  unexported: readonly string[],
): string {
  const sorted = [...items].sort((a, b) => compareNames(a.name, b.name));
  const counts = new Map<string, number>();
  for (const item of sorted) {
    const kind = item.typeOnly ? `${item.kind} (type only)` : item.kind;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const summary = [...counts]
    .sort(([a], [b]) => compareNames(a, b))
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
  const source = relative(repositoryRoot, entry.file);
  const lines = [
    `# API report: \`${entry.specifier}\``,
    '',
    `Generated from \`${source}\` by \`pnpm api:update\`; do not edit. A test in \`${relative(repositoryRoot, packageDir)}\``,
    'fails when the exports change and this file does not, so every change to the public surface shows here.',
    '',
    `${sorted.length} exports: ${summary}.`,
    '',
  ];
  for (const item of sorted) {
    const note = item.typeOnly ? `${item.kind}, type only: no runtime value` : item.kind;
    lines.push(`## \`${item.name}\` (${note})`, '', '```ts', item.text, '```', '');
  }
  lines.push(
    '## Used above but exported by no entry point of the package',
    '',
    unexported.length === 0
      ? 'None: every type the signatures above name can be imported.'
      : `${unexported.map((name) => `\`${name}\``).join(', ')}: users see these in signatures but cannot import them.`,
    '',
  );
  return lines.join('\n');
}

function compareNames(a: string, b: string): number {
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
