import type { CandidatePlan, ResponsePlan } from '../wire/response-plan.js';
import type { FaultName } from './fault-config.js';

const negligible = (category: string) => ({ category, probability: 'NEGLIGIBLE' });

/**
 * Rewrites a plan for the faults that change what the model says (as opposed to how it is delivered).
 * Other faults leave the plan as it is.
 */
export function applyAnswerFault(plan: ResponsePlan, fault: FaultName): ResponsePlan {
  const thoughts = plan.candidate?.thoughtsTokenCount ?? 0;
  const emptyCandidate = (finishReason: string, extra: Partial<CandidatePlan>): ResponsePlan => ({
    ...plan,
    candidate: {
      thoughtParts: [],
      thoughtsTokenCount: 0,
      answerParts: [],
      candidatesTokenCount: 0,
      finishReason,
      ...extra,
    },
  });
  switch (fault) {
    case 'promptBlocked': {
      const { candidate: _dropped, ...rest } = plan;
      return { ...rest, promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } };
    }
    case 'safety':
      return emptyCandidate('SAFETY', {
        emptyContent: 'empty-object',
        safetyRatings: [
          { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'MEDIUM', blocked: true },
          negligible('HARM_CATEGORY_DANGEROUS_CONTENT'),
          negligible('HARM_CATEGORY_HARASSMENT'),
          negligible('HARM_CATEGORY_SEXUALLY_EXPLICIT'),
        ],
      });
    case 'maxTokensEmpty':
      // thinking used the whole output budget: thoughts are billed, nothing was said
      return emptyCandidate('MAX_TOKENS', {
        emptyContent: 'role-only',
        thoughtsTokenCount: Math.max(thoughts, 1),
      });
    case 'malformedFunctionCall':
      return emptyCandidate('MALFORMED_FUNCTION_CALL', {
        emptyContent: 'absent',
        thoughtsTokenCount: thoughts,
        finishMessage: 'Malformed function call: call:default_api:unknown{args:{',
      });
    case 'unexpectedToolCall':
      return emptyCandidate('UNEXPECTED_TOOL_CALL', { emptyContent: 'absent' });
    default:
      return plan;
  }
}
