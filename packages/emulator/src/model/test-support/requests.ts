import type { EmulatedModel } from '../../catalog/emulated-models.js';
import { findEmulatedModel } from '../../catalog/emulated-models.js';
import type { Content, FunctionDeclaration, GenerateContentRequest } from '../../wire/types.js';

/** A catalog model by id, failing loudly when it is missing. */
export function model(id: string): EmulatedModel {
  const found = findEmulatedModel(id);
  if (found === undefined) throw new Error(`${id} missing from the catalog`);
  return found;
}

/** A one-turn user request. */
export function ask(text: string, extra: Partial<GenerateContentRequest> = {}): GenerateContentRequest {
  return { contents: [{ role: 'user', parts: [{ text }] }], ...extra };
}

/** A user content. */
export function user(text: string): Content {
  return { role: 'user', parts: [{ text }] };
}

/** The file and calculator tools an agent example declares (names and schemas like packages/tools). */
export const agentTools: FunctionDeclaration[] = [
  {
    name: 'list_files',
    description:
      'List the files and folders in the working folder, or in a folder below it. Paths in the answer are relative to the working folder and can be passed to read_file as they are; folders end with "/".',
    parameters: {
      type: 'object',
      properties: {
        path: {
          type: 'string',
          description: 'Folder to list, relative to the root. Default: the root itself.',
        },
        recursive: { type: 'boolean', description: 'List everything below the folder too. Default false.' },
      },
    },
  },
  {
    name: 'read_file',
    description: 'Read a UTF-8 text file inside the working folder.',
    parameters: {
      type: 'object',
      properties: {
        path: {
          type: 'string',
          description: 'Path of the file relative to the root, e.g. "notes/today.md".',
        },
        offset: { type: 'integer', minimum: 0, description: 'Byte offset to start reading at.' },
      },
      required: ['path'],
    },
  },
  {
    name: 'calculator',
    description: 'Evaluate an arithmetic expression such as "12 * (3 + 4)".',
    parametersJsonSchema: {
      type: 'object',
      properties: { expression: { type: 'string', description: 'The expression to evaluate.' } },
      required: ['expression'],
      additionalProperties: false,
    },
  },
];

/** The other tools of packages/tools an agent may declare beside the file and calculator tools. */
export const moreAgentTools: FunctionDeclaration[] = [
  {
    name: 'search_files',
    description:
      'Search the text files in the working folder for lines containing a text, or matching a regular expression when regex is true. Answers up to 50 lines as "path:line: text"; the paths can be passed to read_file.',
    parameters: {
      type: 'object',
      properties: {
        query: {
          type: 'string',
          description: 'The text to look for (or a JavaScript regular expression when regex is true).',
        },
        regex: { type: 'boolean' },
        path: { type: 'string', description: 'Folder to search in, relative to the root.' },
      },
      required: ['query'],
    },
  },
  {
    name: 'write_file',
    description: 'Write a text file in the working folder, creating folders as needed.',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string' }, content: { type: 'string' } },
      required: ['path', 'content'],
    },
  },
];
