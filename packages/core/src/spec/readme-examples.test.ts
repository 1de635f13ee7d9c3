import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatSpecIssue } from './spec-issue.js';
import { createTestToolRegistry } from './test-support/test-tool-registry.js';
import { validatePipelineText } from './validate-pipeline-text.js';

const readme = await readFile(new URL('./README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```yaml[^\n]*\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

describe('the examples in the spec README', () => {
  it('are found', () => {
    expect(examples.map((text) => /^name: (\S+)/m.exec(text)?.[1])).toEqual([
      'summarize',
      'classify',
      'extract',
    ]);
  });

  it.each(examples.map((text) => [/^name: (\S+)/m.exec(text)?.[1], text] as const))(
    '%s is valid',
    (_name, text) => {
      const result = validatePipelineText(text, { tools: createTestToolRegistry(), file: 'README.md' });
      expect(result.issues.map(formatSpecIssue)).toEqual([]);
      expect(result.pipeline).toBeDefined();
    },
  );
});
