import { suggestFrom } from './did-you-mean.js';
import type { PathIssue } from './path-issue.js';
import {
  describeSchema,
  schemaShape,
  shapeChild,
  shapeIsArray,
  unknownShape,
  type ValueShape,
} from './schema-shape.js';
import type { SpecPath } from './source-locator.js';
import { parseTemplate } from './template/parse-template.js';
import type { ParsedTemplate, TemplateExpression } from './template/template-expression.js';
import { templateFilters } from './template/template-filters.js';

/** What a template may refer to at one place in the pipeline. */
export interface ReferenceScope {
  /** The declared input row. */
  readonly input: ValueShape;
  /** Steps whose results exist when this template is rendered, by id. */
  readonly visible: ReadonlyMap<string, ValueShape>;
  /** Every step id in the file, to explain references to steps that are not visible here. */
  readonly declared: ReadonlySet<string>;
  /** The step being checked (a reference to it is a cycle). */
  readonly current?: string;
  /** Steps running at the same time as this one (siblings in a `parallel`). */
  readonly concurrent?: ReadonlySet<string>;
  /** Inside a `map`: the element shape. */
  readonly item?: ValueShape;
}

/** A parsed, checked template and the shape of its value when it is a single expression. */
export interface CheckedTemplate {
  readonly template: ParsedTemplate;
  /** Shape of the value when the template is exactly one `{{ }}`; a string otherwise. */
  readonly shape: ValueShape;
  readonly issues: readonly PathIssue[];
}

const stringShape = schemaShape({ type: 'string' });
const integerShape = schemaShape({ type: 'integer' });

/**
 * Parses a template found at `path` and checks every reference in it against the scope: the root
 * (`input`, `steps`, `item`, `index`), the step id (exists, and runs before this one), and each field
 * along the way (against the declared input and output schemas), with did-you-mean suggestions.
 */
export function checkTemplateReferences(
  source: string,
  path: SpecPath,
  scope: ReferenceScope,
): CheckedTemplate {
  const { template, problems } = parseTemplate(source);
  const issues: PathIssue[] = problems.map((problem) => ({
    path,
    code: problem.code,
    message: `${problem.message} (in template "${abbreviate(source)}")`,
    within: { text: source, offset: problem.offset },
    ...(problem.suggestion ? { suggestion: problem.suggestion } : {}),
  }));
  const expressions = template.parts.filter((part): part is TemplateExpression => typeof part !== 'string');
  const shapes = expressions.map((expression) => checkExpression(expression, source, path, scope, issues));
  const single =
    expressions.length === 1 &&
    template.parts.every((part) => typeof part !== 'string' || part.trim() === '');
  return { template, shape: single ? (shapes[0] ?? unknownShape) : stringShape, issues };
}

function checkExpression(
  expression: TemplateExpression,
  source: string,
  path: SpecPath,
  scope: ReferenceScope,
  issues: PathIssue[],
): ValueShape {
  const report = (message: string, suggestion?: string, code: PathIssue['code'] = 'unknown_reference') => {
    issues.push({
      path,
      code,
      message,
      within: { text: source, offset: expression.offset },
      ...(suggestion === undefined ? {} : { suggestion }),
    });
    return unknownShape;
  };
  const [root, ...rest] = expression.path;
  const roots = scope.item === undefined ? ['input', 'steps'] : ['input', 'steps', 'item', 'index'];
  let shape: ValueShape;
  let walked: (string | number)[];
  let owner: string;
  if (root === 'input') {
    shape = scope.input;
    walked = ['input'];
    owner = 'the input';
  } else if ((root === 'item' || root === 'index') && scope.item !== undefined) {
    shape = root === 'item' ? scope.item : integerShape;
    walked = [root];
    owner = root === 'item' ? 'the mapped element' : 'index';
  } else if (root === 'steps') {
    const id = rest.shift();
    if (id === undefined)
      return report('"steps" must be followed by a step id, as in steps.summary', undefined);
    const name = String(id);
    walked = ['steps', name];
    owner = `step "${name}"`;
    const visibleShape = scope.visible.get(name);
    if (visibleShape === undefined) {
      const reference = `steps.${name}`;
      if (name === scope.current) {
        return report(
          `step "${name}" refers to its own result (${reference}); a step cannot use its own output (cycle)`,
          'refer to an earlier step',
          'later_step',
        );
      }
      if (scope.concurrent?.has(name)) {
        return report(
          `${reference} runs at the same time as this step (both are in the same parallel), so its result is not available`,
          'move it before the parallel step',
          'later_step',
        );
      }
      if (scope.declared.has(name)) {
        return report(
          `${reference} is not available here: step "${name}" runs later or inside another step (steps can only use results of steps before them)`,
          'move the step earlier, or refer to an earlier step',
          'later_step',
        );
      }
      return report(
        `${reference} does not exist`,
        suggestFrom(name, [...scope.visible.keys()], describeAvailable(scope)),
        'unknown_step',
      );
    }
    shape = visibleShape;
  } else {
    return report(
      `unknown name "${String(root)}" in {{ ${expression.text} }}`,
      suggestFrom(String(root), roots, `templates start with ${roots.join(', ')}`),
    );
  }
  for (const segment of rest) {
    const step = shapeChild(shape, segment);
    if (!step.ok) {
      const where = walked.map(String).join('.');
      const field = typeof segment === 'number' ? `[${segment}]` : `"${segment}"`;
      if (step.fields.length === 0) {
        return report(
          `${where} is ${step.found}, it has no field ${field} (${owner})`,
          undefined,
          'unknown_field',
        );
      }
      return report(
        `${where}.${String(segment)} does not exist: ${owner} has no field ${field}`,
        suggestFrom(String(segment), step.fields),
        'unknown_field',
      );
    }
    shape = step.shape;
    walked.push(segment);
  }
  for (const call of expression.filters) {
    const filter = templateFilters[call.name];
    if (filter === undefined) continue;
    if (call.name === 'join' && shapeIsArray(shape) === false && shape.kind === 'schema') {
      return report(
        `filter "join" needs a list, but ${walked.map(String).join('.')} is ${describeSchema(shape.schema)}`,
        undefined,
        'not_an_array',
      );
    }
    shape = filter.result === 'string' ? stringShape : filter.result === 'integer' ? integerShape : shape;
  }
  return shape;
}

function describeAvailable(scope: ReferenceScope): string {
  const ids = [...scope.visible.keys()];
  return ids.length === 0
    ? 'no step runs before this one'
    : `steps available here: ${ids.map((id) => `"${id}"`).join(', ')}`;
}

function abbreviate(source: string): string {
  const line = source.split('\n')[0] ?? '';
  return line.length > 60 || source.includes('\n') ? `${line.slice(0, 57)}...` : line;
}
