import { EmulatorConfigError } from '../faults/emulator-config-error.js';
import { faultNames } from '../faults/fault-config.js';
import type { GenerateContentRequest } from '../wire/types.js';
import type { ScriptEntry } from './script-entry.js';

interface LiveEntry {
  entry: ScriptEntry;
  remaining: number;
}

/** The text of the last `user` (or role-less) turn, which script prompts match against. */
export function lastUserText(request: Partial<GenerateContentRequest>): string {
  const contents = Array.isArray(request.contents) ? request.contents : [];
  for (let index = contents.length - 1; index >= 0; index--) {
    const content = contents[index];
    if (content === undefined || (content.role !== undefined && content.role !== 'user')) continue;
    const parts = Array.isArray(content.parts) ? content.parts : [];
    const texts = parts
      .map((part) => (typeof part?.text === 'string' ? part.text : ''))
      .filter((t) => t !== '');
    if (texts.length > 0) return texts.join('\n');
  }
  return '';
}

function checkEntry(entry: ScriptEntry, index: number): void {
  const path = `script[${index}]`;
  const answers = ['response', 'chunks', 'error', 'fault'].filter(
    (key) => entry[key as keyof ScriptEntry] !== undefined,
  );
  if (answers.length !== 1) {
    throw new EmulatorConfigError(
      path,
      `expected exactly one of "response", "chunks", "error" or "fault", got ${answers.length === 0 ? 'none' : answers.join(' and ')}`,
    );
  }
  if (entry.times !== undefined && (!Number.isInteger(entry.times) || entry.times < 1)) {
    throw new EmulatorConfigError(
      `${path}.times`,
      `expected a whole number from 1 up, got ${String(entry.times)}`,
    );
  }
  if (entry.chunks !== undefined && (!Array.isArray(entry.chunks) || entry.chunks.length === 0)) {
    throw new EmulatorConfigError(`${path}.chunks`, 'expected a non-empty array of response chunks');
  }
  if (entry.error !== undefined) {
    const status = entry.error.status;
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new EmulatorConfigError(
        `${path}.error.status`,
        `expected an HTTP error status from 400 to 599, got ${String(status)}`,
      );
    }
  }
  if (entry.fault !== undefined && !faultNames.includes(entry.fault)) {
    throw new EmulatorConfigError(
      `${path}.fault`,
      `expected one of ${faultNames.join(', ')}, got "${String(entry.fault)}"`,
    );
  }
}

/**
 * Scripted answers for tests, tried in order: the first entry whose model and prompt match answers the
 * request and loses one of its `times`. Requests nothing matches fall through to the model.
 */
export class ResponseScript {
  private entries: LiveEntry[] = [];

  add(entries: readonly ScriptEntry[]): void {
    for (const [index, entry] of entries.entries()) checkEntry(entry, this.entries.length + index);
    for (const entry of entries)
      this.entries.push({ entry, remaining: entry.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.entries = [];
  }

  /** Entries that still have uses left. */
  get pending(): number {
    return this.entries.filter((live) => live.remaining > 0).length;
  }

  take(model: string, request: Partial<GenerateContentRequest>): ScriptEntry | undefined {
    // most servers have no script: no need to read the prompt
    if (this.entries.length === 0) return undefined;
    const text = lastUserText(request);
    for (const live of this.entries) {
      if (live.remaining <= 0) continue;
      const { entry } = live;
      if (entry.model !== undefined && entry.model !== model) continue;
      if (typeof entry.prompt === 'string' && !text.includes(entry.prompt)) continue;
      if (entry.prompt instanceof RegExp) {
        entry.prompt.lastIndex = 0;
        if (!entry.prompt.test(text)) continue;
      }
      live.remaining -= 1;
      return entry;
    }
    return undefined;
  }
}
