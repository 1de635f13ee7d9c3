// Imports a package's built entry; when dist/ is missing (a fresh clone that was not built), says how to
// build instead of printing Node's ERR_MODULE_NOT_FOUND stack.
import { fileURLToPath } from 'node:url';

export async function loadBuiltEntry(command, entryUrl) {
  try {
    return await import(entryUrl.href);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(fileURLToPath(entryUrl))) {
      process.stderr.write(
        `${command}: ${fileURLToPath(entryUrl)} is missing: this copy of tokenflow is not built. ` +
          'In a clone of the repository run `pnpm build` (or `pnpm install`, which builds), then try again.\n',
      );
      process.exit(2);
    }
    throw error;
  }
}
