export { checkRelativePath, maxPathLength, type RelativePathCheck } from './check-relative-path.js';
export { FileRoot, type IfExists, type ResolvedPath } from './file-root.js';
export { FileToolError } from './file-tool-error.js';
export { type FileToolOptions, fileToolOptionsSchema } from './file-tool-options.js';
export { type ListFilesOptions, listFiles, listFilesFactory, listFilesOptionsSchema } from './list-files.js';
export { defaultExcludedNames } from './name-patterns.js';
export { type ReadFileOptions, readFile, readFileFactory, readFileOptionsSchema } from './read-file.js';
export {
  type SearchFilesOptions,
  searchFiles,
  searchFilesFactory,
  searchFilesOptionsSchema,
} from './search-files.js';
export { type WriteFileOptions, writeFile, writeFileFactory, writeFileOptionsSchema } from './write-file.js';
