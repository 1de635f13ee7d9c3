import { splitSentences } from './text-analysis.js';

/** A prompt split into what it asks (`instruction`) and what it is about (`document`). */
export interface SplitPrompt {
  instruction: string;
  document: string;
}

/**
 * Separates the instruction of a prompt from the material it applies to. The instruction is the short
 * paragraph (or the sentence, or the text before a colon) that matches `intent`; everything else is the
 * document. A prompt that is only an instruction has an empty document.
 *
 * @example splitInstruction('Summarize this:\n\nThe quick brown fox...', /summar/i).document // 'The quick brown fox...'
 */
export function splitInstruction(text: string, intent: RegExp): SplitPrompt {
  const paragraphs = text.split(/\n\s*\n/).filter((paragraph) => paragraph.trim() !== '');
  if (paragraphs.length > 1) {
    const instructionIndexes = paragraphs
      .map((paragraph, index) => ({ paragraph, index }))
      .filter(({ paragraph }) => intent.test(paragraph) && paragraph.split(/\s+/).length <= 60)
      .map(({ index }) => index);
    if (instructionIndexes.length > 0) {
      return {
        instruction: instructionIndexes.map((index) => paragraphs[index]?.trim()).join('\n'),
        document: paragraphs
          .filter((_, index) => !instructionIndexes.includes(index))
          .join('\n\n')
          .trim(),
      };
    }
  }
  const colon = text.indexOf(':');
  if (
    colon > 0 &&
    colon < 300 &&
    intent.test(text.slice(0, colon)) &&
    !text.slice(0, colon).includes('\n\n')
  ) {
    return { instruction: text.slice(0, colon + 1).trim(), document: text.slice(colon + 1).trim() };
  }
  const sentences = splitSentences(text);
  const instructionSentences = sentences.filter(
    (sentence) => intent.test(sentence) && sentence.split(/\s+/).length <= 40,
  );
  if (instructionSentences.length > 0 && instructionSentences.length < sentences.length) {
    return {
      instruction: instructionSentences.join(' '),
      document: sentences.filter((sentence) => !instructionSentences.includes(sentence)).join(' '),
    };
  }
  return { instruction: text.trim(), document: '' };
}
