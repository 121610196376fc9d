// Shared by the benchmarks: a free TCP port on 127.0.0.1 for a server to listen on.
import { createServer } from 'node:net';

/** A port nothing listens on right now (the kernel's pick, released at once). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
