import type { Content, GenerateContentRequest, Part } from '../wire/types.js';
import { messageViolation, type RequestViolation } from './request-violation.js';

const dataFields = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
] as const satisfies readonly (keyof Part)[];

/** Roles a `contents` entry may carry; a missing or empty role means `user`. */
const validRoles = new Set(['user', 'model', 'function', '']);

/**
 * Checks the conversation itself once the JSON parsed: contents present and non-empty, every content
 * with parts, every part with exactly one data field, roles among user/model/function, and function
 * calls and responses with a name. `prefix` is the message the path starts from (`GenerateContentRequest`).
 */
export function checkContents(request: GenerateContentRequest, prefix: string): RequestViolation | null {
  const contents = request.contents ?? [];
  if (contents.length === 0) return messageViolation(`* ${prefix}.contents: contents is not specified`);
  for (const [index, content] of contents.entries()) {
    const problem = checkContent(content, `${prefix}.contents[${index}]`, true);
    if (problem !== null) return problem;
  }
  if (request.systemInstruction !== undefined) {
    return checkContent(request.systemInstruction, `${prefix}.system_instruction`, false);
  }
  return null;
}

function checkContent(content: Content, path: string, checkRole: boolean): RequestViolation | null {
  if (checkRole && !validRoles.has(content.role ?? '')) {
    return messageViolation('Please use a valid role: user, model.');
  }
  const parts = content.parts ?? [];
  if (parts.length === 0) {
    if (!checkRole) return null;
    return messageViolation(`* ${path}.parts: contents.parts must not be empty.`);
  }
  for (const [index, part] of parts.entries()) {
    const partPath = `${path}.parts[${index}]`;
    const present = dataFields.filter((name) => part[name] !== undefined && part[name] !== null);
    if (present.length === 0) {
      return messageViolation(
        `* ${partPath}.data: required oneof field 'data' must have one initialized field`,
      );
    }
    if (part.functionCall !== undefined && !nonEmpty(part.functionCall.name)) {
      return messageViolation(`* ${partPath}.function_call.name: Name cannot be empty.`);
    }
    if (part.functionResponse !== undefined && !nonEmpty(part.functionResponse.name)) {
      return messageViolation(`* ${partPath}.function_response.name: Name cannot be empty.`);
    }
  }
  return null;
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}
