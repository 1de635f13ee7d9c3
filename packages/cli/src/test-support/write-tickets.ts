import { writeFile } from 'node:fs/promises';

const texts = [
  'I was charged twice for my subscription this month, please refund the second payment.',
  'The app crashes every time I open the settings page on Android 14. This blocks my whole team!',
  'How do I change the avatar on my profile?',
  'Invoice #4411 lists the wrong VAT number for our company.',
];

/** Writes `count` ticket rows (`ticket_id`, `text`) as JSONL and returns their ids. */
export async function writeTickets(path: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `t${String(index + 1).padStart(4, '0')}`);
  const lines = ids.map((id, index) =>
    JSON.stringify({ ticket_id: id, text: `${texts[index % texts.length]} (ref ${id})` }),
  );
  await writeFile(path, `${lines.join('\n')}\n`);
  return ids;
}
