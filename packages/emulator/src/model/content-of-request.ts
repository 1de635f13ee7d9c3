/**
 * The part of a request that is the user's material, as opposed to the instructions around it. A
 * pipeline's prompt is a template: fixed text ("Extract the companies ... from this news item:") around an
 * interpolated item. A real model takes values from the item only; so does the emulator, by dropping:
 *
 * - lines that repeat the system instruction (a prompt that restates its rules);
 * - lines that read as instructions: they open with an imperative such as "Extract", "Return",
 *   "Classify", "Summarize", "List" or "Use", and speak of the task ("this", "the following", "JSON",
 *   "fields", "news item"...). Text after such a line's colon is material ("Classify the topic of: ...");
 * - short labels that introduce the material ("News item (Markets Daily):", "Text:").
 *
 * When nothing is left, the whole request is the material: "Add 2 and 3" is both.
 */

/** Verbs that open an instruction to the model. */
const imperative =
  /^(?:please\s+)?(?:extract|return|classify|categori[sz]e|summari[sz]e|identify|list|find|output|respond|answer|parse|tag|label|give|pull|determine|provide|produce|generate|fill|format|use|leave|include|omit|only|do not|don't|never|always|make sure|be sure|read|analy[sz]e|detect|decide|choose|pick|select|write|rate|score|assess|evaluate|convert|reply)\b/i;

/** Words that show an imperative line is about the task, not part of the material. */
const taskWords =
  /\b(?:this|these|following|below|above|json|schema|fields?|keys?|values?|format|output|input|item|items|text|record|records|news|article|document|message|ticket|email|review|event|events|entities|companies|people|dates|amounts|categor(?:y|ies)|labels?|summary|answer)\b/i;

/** A label that introduces material: a few words ending in a colon, nothing after it. */
function isLabel(line: string): boolean {
  return /:$/.test(line) && line.split(/\s+/).length <= 6;
}

/** The first colon that is not inside a quoted phrase ('Summarize "Report: Year One" in points:'), or -1. */
function colonOutsideQuotes(line: string): number {
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (char === '"' || char === '“' || char === '”')
      quoted = char === '“' ? true : char === '”' ? false : !quoted;
    else if (char === ':' && !quoted) return index;
  }
  return -1;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Whether a line reads as an instruction to the model rather than material. */
export function isInstructionLine(line: string): boolean {
  const trimmed = line.trim();
  return imperative.test(trimmed) && taskWords.test(trimmed) && trimmed.split(/\s+/).length <= 60;
}

/**
 * The material of a request: its lines without instructions, labels and lines repeating the system
 * instruction; the whole request when that would leave nothing.
 *
 * @example contentOfRequest('Extract the companies from this news item.\n\nNews item:\nAcme Corp. hired Ann Lee.', '')
 * // 'Acme Corp. hired Ann Lee.'
 */
export function contentOfRequest(request: string, systemText: string): string {
  const system = normalize(systemText);
  const kept: string[] = [];
  for (const line of request.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') {
      kept.push('');
      continue;
    }
    if (system !== '' && trimmed.length >= 20 && system.includes(normalize(trimmed))) continue;
    if (isLabel(trimmed)) continue;
    // "Classify the topic of: The striker scored..." holds its material after the colon.
    const colon = colonOutsideQuotes(trimmed);
    const before = colon > 0 ? trimmed.slice(0, colon) : '';
    if (before !== '' && imperative.test(before) && before.split(/\s+/).length <= 12) {
      const after = trimmed.slice(colon + 1).trim();
      if (after !== '') kept.push(after);
      continue;
    }
    if (isInstructionLine(trimmed)) continue;
    kept.push(line);
  }
  const content = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return content === '' ? request : content;
}
