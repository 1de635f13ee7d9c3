// (b) The published types, as a TypeScript user compiles against them: typed-pipeline.ts must compile and
// mismatched-then.ts must fail with the pipeline builder's readable message.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyFixtures } from './consumer-project.mjs';
import { check, expect, ms } from './report.mjs';
import { runCommand, tailOf } from './run-command.mjs';

const good = 'typed-pipeline.ts';
const bad = 'mismatched-then.ts';
const mismatchMessage = 'Step input does not match the previous output';

/** One `tsc -p` over both files for `resolution` ('nodenext' or 'bundler'); two checks. */
export async function checkTypes(folder, resolution) {
  await copyFixtures(folder, [good, bad]);
  const tsconfig = `tsconfig.${resolution}.json`;
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    lib: ['ES2023'],
    types: ['node'],
    // Check the published .d.ts files too: a declaration that names a devDependency fails here.
    skipLibCheck: false,
    module: resolution === 'nodenext' ? 'nodenext' : 'preserve',
    moduleResolution: resolution,
  };
  await writeFile(
    join(folder, tsconfig),
    `${JSON.stringify({ compilerOptions, files: [good, bad] }, null, 2)}\n`,
  );
  const result = await runCommand(join(folder, 'node_modules', '.bin', 'tsc'), ['-p', tsconfig], {
    cwd: folder,
  });
  const lines = result.stdout.split('\n');

  await check(`(b) tsc --noEmit, moduleResolution ${resolution}: ${good} compiles`, () => {
    // Every `error TS` line not located in the bad file counts, option errors with no file included.
    const unexpected = lines.filter((line) => /error TS\d+/.test(line) && !line.startsWith(`${bad}(`));
    expect(unexpected.length === 0, unexpected.join('\n'));
    expect(result.code !== -1, tailOf(result));
    return ms(result.ms);
  });

  await check(`(b) tsc --noEmit, moduleResolution ${resolution}: a mismatched .then() is an error`, () => {
    // tsc prints `file(line,col): error TSxxxx: message`, then indented lines that belong to it.
    const errors = [];
    for (const line of lines) {
      if (/^\S.*\(\d+,\d+\): error TS\d+/.test(line)) errors.push(line);
      else if (line.startsWith(' ') && errors.length > 0) errors[errors.length - 1] += `\n${line}`;
    }
    const found = errors.find((error) => error.startsWith(`${bad}(`) && error.includes(mismatchMessage));
    expect(result.code !== 0, `tsc exited ${result.code}`);
    expect(found, `no "${mismatchMessage}" error in ${bad}:\n${tailOf(result)}`);
    return found.split(': error ')[0];
  });
}
