/**
 * Sums a `.cpuprofile`'s self time by function and by file, and prints the top of each: the frames that
 * decide where a change pays.
 *
 *   npx tsx src/sum-cpu-profile.ts /tmp/prof/CPU.*.cpuprofile [--top 30] [--minus other.cpuprofile]
 *
 * With `--minus`, each figure is this profile's minus the other's (say, the gateway's minus raw fetch's,
 * both over the same number of calls): what one contender adds over the other, frame by frame.
 */
import { readFileSync } from 'node:fs';
import { option } from './shared/machine-facts.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const top = Number(option('top', '30'));
const minus = option('minus', '');
const file = process.argv.slice(2).find((arg) => arg.endsWith('.cpuprofile') && arg !== minus);
if (!file) throw new Error('Expected the path of a .cpuprofile file as an argument.');

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/.*\/work\/main\//, '');

/** Self time (µs) by function and by file or package, and the idle and total time, of one profile. */
function sums(path: string) {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    total += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const where = shortUrl(frame.url) || '(native)';
    const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const pkg =
      where.startsWith('packages/') || where.startsWith('bench/')
        ? where
        : where.split('/').slice(0, 2).join('/');
    byFile.set(pkg, (byFile.get(pkg) ?? 0) + us);
  }
  return { byFunction, byFile, busy: total - idle };
}

const mine = sums(file);
const other = minus ? sums(minus) : undefined;
const less = (map: Map<string, number>, base: Map<string, number> | undefined) => {
  if (!base) return map;
  const out = new Map(map);
  for (const [key, us] of base) out.set(key, (out.get(key) ?? 0) - us);
  return out;
};
const byFunction = less(mine.byFunction, other?.byFunction);
const byFile = less(mine.byFile, other?.byFile);
const busy = mine.busy - (other?.busy ?? 0);
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (${other ? 'difference in ' : ''}busy time ${(busy / 1000).toFixed(0)} ms)`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`,
    );
  }
};
print('self time by function', byFunction);
print('self time by file or package', byFile);
