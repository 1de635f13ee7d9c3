import { z } from 'zod';

const hostPattern = z
  .string()
  .regex(/^(\*\.)?[a-zA-Z0-9.:[\]_-]+$/, 'host patterns look like example.com or *.example.com');
const port = z.number().int().min(1).max(65_535);

/**
 * The options `http_fetch` takes from a YAML pipeline: everything in `HttpFetchOptions` except the
 * injected resolver.
 */
export const httpFetchOptionsSchema = z
  .object({
    allowHosts: z.array(hostPattern).optional(),
    denyHosts: z.array(hostPattern).optional(),
    allowPorts: z.union([z.array(port), z.literal('any')]).optional(),
    allowLoopback: z.boolean().optional(),
    allowAddresses: z.array(z.string().min(1)).optional(),
    maxRedirects: z.number().int().min(0).max(20).optional(),
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
    maxBytes: z.number().int().min(1).max(100_000_000).optional(),
    maxTextChars: z.number().int().min(1).max(10_000_000).optional(),
    userAgent: z.string().min(1).optional(),
  })
  .strict();
