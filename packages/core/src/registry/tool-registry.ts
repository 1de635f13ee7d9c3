import type { StructuredToolInterface } from '@langchain/core/tools';
import type { z } from 'zod';

/** What a tool factory gets besides its options. */
export interface ToolContext {
  /** The folder that relative paths in options resolve against (a YAML pipeline's own folder). */
  baseDir: string;
}

/**
 * A named way to build a tool from plain options, so YAML pipelines can name tools
 * (`tools: [{ name: read_file, options: { root: ./docs } }]`). Core only knows this contract;
 * `@tokenflow/tools` provides the registry of built-in tools.
 */
export interface ToolFactory<Options = unknown> {
  name: string;
  /** One line for people (`tokenflow validate`, docs); the tool's own description is for the model. */
  summary: string;
  /** The options a pipeline may pass; validated before any model is called. */
  options: z.ZodType<Options>;
  create(options: Options, context: ToolContext): StructuredToolInterface;
}

export interface ToolRegistry {
  get(name: string): ToolFactory | undefined;
  names(): string[];
}
