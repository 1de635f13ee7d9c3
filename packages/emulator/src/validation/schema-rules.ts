import type { GenerateContentRequest, OpenApiSchema } from '../wire/types.js';
import { messageViolation, type RequestViolation } from './request-violation.js';

const functionNamePattern = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

/**
 * Checks what protobuf parsing cannot: function names, duplicate declarations, and the restricted
 * OpenAPI schemas (`parameters`, `response`, `responseSchema`): no empty enum values, an `items` for
 * every ARRAY, `required` naming declared properties.
 */
export function checkSchemas(request: GenerateContentRequest, prefix: string): RequestViolation | null {
  const seen = new Set<string>();
  for (const [toolIndex, tool] of (request.tools ?? []).entries()) {
    for (const [index, declaration] of (tool.functionDeclarations ?? []).entries()) {
      const path = `${prefix}.tools[${toolIndex}].function_declarations[${index}]`;
      const name = declaration.name ?? '';
      if (!functionNamePattern.test(name)) {
        return messageViolation(
          `* ${path}.name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.`,
        );
      }
      if (seen.has(name))
        return messageViolation(`* ${path}.name: Duplicate function declaration name: ${name}`);
      seen.add(name);
      if (declaration.parameters !== undefined && declaration.parametersJsonSchema !== undefined) {
        return messageViolation(
          `* ${path}.parameters: parameters and parameters_json_schema cannot both be set.`,
        );
      }
      const problem =
        checkSchema(declaration.parameters, `${path}.parameters`) ??
        checkSchema(declaration.response, `${path}.response`);
      if (problem !== null) return messageViolation(problem);
    }
  }
  const config = request.generationConfig;
  if (config?.responseSchema !== undefined && config.responseJsonSchema !== undefined) {
    return messageViolation(
      `* ${prefix}.generation_config.response_schema: response_schema and response_json_schema cannot both be set.`,
    );
  }
  const problem = checkSchema(config?.responseSchema, `${prefix}.generation_config.response_schema`);
  return problem === null ? null : messageViolation(problem);
}

function checkSchema(schema: OpenApiSchema | undefined, path: string): string | null {
  if (schema === undefined || schema === null) return null;
  for (const [index, value] of (schema.enum ?? []).entries()) {
    if (value === '') return `* ${path}.enum[${index}]: cannot be empty`;
  }
  if ((schema.type ?? '').toUpperCase() === 'ARRAY' && schema.items === undefined) {
    return `* ${path}.items: missing field.`;
  }
  const properties = schema.properties ?? {};
  for (const [index, name] of (schema.required ?? []).entries()) {
    if (!Object.hasOwn(properties, name)) return `* ${path}.required[${index}]: property is not defined`;
  }
  for (const [name, property] of Object.entries(properties)) {
    const problem = checkSchema(property, `${path}.properties[${name}]`);
    if (problem !== null) return problem;
  }
  for (const [index, option] of (schema.anyOf ?? []).entries()) {
    const problem = checkSchema(option, `${path}.any_of[${index}]`);
    if (problem !== null) return problem;
  }
  return checkSchema(schema.items, `${path}.items`);
}
