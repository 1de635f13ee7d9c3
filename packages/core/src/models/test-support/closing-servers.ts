import type { Server } from 'node:http';
import { afterEach } from 'vitest';

/**
 * The loopback servers a test file starts: push each one here and it is closed (its connections cut
 * first) after every test.
 */
export function serversClosedAfterEach(): Server[] {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
  return servers;
}
