/** One field the request got wrong, as `google.rpc.BadRequest.fieldViolations` carries it. */
export interface FieldViolation {
  field: string;
  description: string;
}

/**
 * Why a request is refused with 400 INVALID_ARGUMENT. `message` is the error body's `message`;
 * `fieldViolations` becomes a `google.rpc.BadRequest` detail when it is not empty (parse errors carry
 * them, semantic checks such as thinking rules do not, as on the real API).
 */
export interface RequestViolation {
  message: string;
  fieldViolations: FieldViolation[];
}

/** Builds a violation from field-level problems; the message lists each description on its own line. */
export function fieldViolationsToRequestViolation(violations: FieldViolation[]): RequestViolation {
  return {
    message: violations.map((violation) => violation.description).join('\n'),
    fieldViolations: violations,
  };
}

/** Builds a violation that has a message only (no BadRequest detail). */
export function messageViolation(message: string): RequestViolation {
  return { message, fieldViolations: [] };
}
