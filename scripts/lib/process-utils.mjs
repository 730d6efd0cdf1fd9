/** Small process and network helpers shared by the test fixtures (Prometheus, PostgreSQL). */
import net from 'node:net';

/** True while a process with this pid exists (signal 0 checks without signalling). */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A loopback port that was free a moment ago (the OS picks it; the caller binds it right away). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
