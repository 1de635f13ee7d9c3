import { describe, expect, it } from 'vitest';
import { contentOfRequest, isInstructionLine } from './content-of-request.js';

const template = (item: string) =>
  `Extract the companies, people, dates and money amounts from this news item, and classify the event.\n\nNews item (Markets Daily):\n${item}\n`;

describe('the content of a request, without the instructions around it', () => {
  it('keeps only the item a prompt template interpolated', () => {
    const item = 'Summit Pharmaceuticals Ltd named Peter Novak as its new CEO, effective August 4, 2026.';
    expect(contentOfRequest(template(item), '')).toBe(item);
  });

  it('drops lines that repeat the system instruction', () => {
    const system = 'You extract facts from news items. Use only what the text says.';
    const request = 'You extract facts from news items.\nAcme Corp. raised $5 million on May 2, 2026.';
    expect(contentOfRequest(request, system)).toBe('Acme Corp. raised $5 million on May 2, 2026.');
  });

  it('keeps the material written after an instruction and its colon', () => {
    expect(contentOfRequest('Classify the topic of: The striker scored twice.', '')).toBe(
      'The striker scored twice.',
    );
  });

  it('looks for that colon outside quoted titles', () => {
    expect(
      contentOfRequest(
        'Summarize part 1 of the document "Report to the Council: Year One" in two key points:\n\nThe city built 42 km of lanes.',
        '',
      ),
    ).toBe('The city built 42 km of lanes.');
  });

  it('keeps a line that opens with a verb but is not about the task', () => {
    expect(contentOfRequest('Return policy changed.\nWe now refund within 30 days.', '')).toBe(
      'Return policy changed.\nWe now refund within 30 days.',
    );
  });

  it('treats a request that is only an instruction as its own material', () => {
    expect(contentOfRequest('Add 2 and 3.', '')).toBe('Add 2 and 3.');
    expect(contentOfRequest('Extract the invoice as JSON.', '')).toBe('Extract the invoice as JSON.');
  });

  it('reads "Extract ...", "Return ..." and "Classify ..." lines about the task as instructions', () => {
    expect(
      [
        'Extract the companies from this news item.',
        'Return JSON with the fields below.',
        'Classify the event.',
        'Acme Corp. will acquire Globex Inc.',
      ].map(isInstructionLine),
    ).toEqual([true, true, true, false]);
  });
});
