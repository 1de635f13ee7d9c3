import { buildCandidate } from './build-unary-response.js';
import type { ResponsePlan } from './response-plan.js';
import { splitText } from './split-text.js';
import type { GenerateContentResponse, Part } from './types.js';
import { buildUsageMetadata } from './usage-metadata.js';

interface Piece {
  parts: Part[];
  /** Characters this piece adds, used to spread the token counts over the chunks. */
  weight: number;
}

function partWeight(part: Part): number {
  if (part.text !== undefined) return part.text.length;
  return JSON.stringify(part).length;
}

/** Spreads `total` over pieces by weight; the running sum reaches exactly `total` on the last piece. */
function cumulativeCounts(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  return weights.map((weight, index) => {
    running += weight;
    if (index === weights.length - 1) return total;
    return sum === 0 ? 0 : Math.floor((total * running) / sum);
  });
}

/**
 * Splits one text part into deltas. Metadata (`thought`) goes on every delta; a `thoughtSignature`
 * rides on the first delta (2.5 models, recorded in 030) or the last (Gemini 3, which then moves it to
 * the trailing empty part).
 */
function textPieces(part: Part, chunkChars: number, signatureOnFirst: boolean): Piece[] {
  const { text = '', thoughtSignature, ...metadata } = part;
  const deltas = splitText(text, chunkChars);
  const signedIndex = signatureOnFirst ? 0 : deltas.length - 1;
  return deltas.map((delta, index) => {
    const piece: Part = { text: delta, ...metadata };
    if (thoughtSignature !== undefined && index === signedIndex) piece.thoughtSignature = thoughtSignature;
    return { parts: [piece], weight: delta.length };
  });
}

/**
 * The SSE chunks for a plan (gemini-wire.md 5.1): thought parts first, text split into deltas, function
 * calls whole (one per chunk on Gemini 3, together on 2.5), cumulative usageMetadata plus modelVersion and
 * responseId on every chunk, finishReason only on the last chunk, which still carries content.parts.
 * With `separateFinishChunk`, the stream ends instead on a chunk without parts that carries only the
 * finishReason and the final usage, as TokenOff's own documentation shows its streams.
 */
export function buildStreamChunks(
  plan: ResponsePlan,
  chunkChars = 200,
  separateFinishChunk = false,
): GenerateContentResponse[] {
  const candidate = plan.candidate;
  const envelope = (body: Record<string, unknown>, candidates: number, thoughts: number) => {
    body.usageMetadata = buildUsageMetadata({ prompt: plan.promptTokenCount, candidates, thoughts });
    body.modelVersion = plan.modelVersion;
    body.responseId = plan.responseId;
    return body as unknown as GenerateContentResponse;
  };
  if (candidate === undefined) {
    const body: Record<string, unknown> = {};
    if (plan.promptFeedback !== undefined) body.promptFeedback = plan.promptFeedback;
    return [envelope(body, 0, 0)];
  }

  const signatureOnFirst = !plan.emptyFinalTextPart;
  const thoughtPieces = candidate.thoughtParts.flatMap((part) =>
    textPieces(part, chunkChars, signatureOnFirst),
  );
  const answerPieces: Piece[] = [];
  for (const part of candidate.answerParts) {
    if (part.functionCall !== undefined) {
      const previous = answerPieces.at(-1);
      const joinCalls =
        !plan.emptyFinalTextPart && previous?.parts.every((p) => p.functionCall !== undefined);
      if (joinCalls && previous !== undefined) {
        previous.parts.push(part);
        previous.weight += partWeight(part);
      } else {
        answerPieces.push({ parts: [part], weight: partWeight(part) });
      }
    } else if (part.text !== undefined && part.thought !== true) {
      answerPieces.push(...textPieces(part, chunkChars, signatureOnFirst));
    } else {
      answerPieces.push({ parts: [part], weight: partWeight(part) });
    }
  }
  if (plan.emptyFinalTextPart && answerPieces.length > 0) {
    // Gemini 3 ends every stream with an empty text part; a signature on the last text part moves there.
    const final: Part = { text: '' };
    const lastPart = answerPieces.at(-1)?.parts.at(-1);
    if (lastPart?.text !== undefined && lastPart.thoughtSignature !== undefined) {
      final.thoughtSignature = lastPart.thoughtSignature;
      delete lastPart.thoughtSignature;
    }
    answerPieces.push({ parts: [final], weight: 0 });
  }

  const chunks: GenerateContentResponse[] = [];
  const thoughtCounts = cumulativeCounts(
    thoughtPieces.map((piece) => piece.weight),
    candidate.thoughtsTokenCount,
  );
  thoughtPieces.forEach((piece, index) => {
    const candidateBody = buildCandidate(candidate, piece.parts, false);
    chunks.push(envelope({ candidates: [candidateBody] }, 0, thoughtCounts[index] ?? 0));
  });
  const answerCounts = cumulativeCounts(
    answerPieces.map((piece) => piece.weight),
    candidate.candidatesTokenCount,
  );
  if (answerPieces.length === 0) {
    const candidateBody = buildCandidate(candidate, undefined, true);
    chunks.push(
      envelope({ candidates: [candidateBody] }, candidate.candidatesTokenCount, candidate.thoughtsTokenCount),
    );
    return chunks;
  }
  // Gemini 3 streams end on the empty text part without finishMessage (recorded 007, 009); 2.5 keeps it (011)
  const { finishMessage: _dropped, ...withoutMessage } = candidate;
  const finalPlan = plan.emptyFinalTextPart ? withoutMessage : candidate;
  answerPieces.forEach((piece, index) => {
    const last = index === answerPieces.length - 1 && !separateFinishChunk;
    const candidateBody = buildCandidate(last ? finalPlan : candidate, piece.parts, last);
    chunks.push(
      envelope({ candidates: [candidateBody] }, answerCounts[index] ?? 0, candidate.thoughtsTokenCount),
    );
  });
  if (separateFinishChunk) {
    // TokenOff's documentation shows streams ending on a chunk with no parts: {"content": {"role": "model"}}
    const finish = buildCandidate({ ...finalPlan, emptyContent: 'role-only' }, undefined, true);
    chunks.push(
      envelope({ candidates: [finish] }, candidate.candidatesTokenCount, candidate.thoughtsTokenCount),
    );
  }
  return chunks;
}
