import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server streaming up to `totalBytes` of 'a' with back-pressure; reports what it wrote. */
export async function startStreamingServer(totalBytes: number): Promise<{
  url: string;
  /** Resolves with the bytes written once each connection has closed. */
  written: () => Promise<number>;
  close: () => Promise<void>;
}> {
  let finished: Promise<number> = Promise.resolve(0);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    finished = new Promise((resolve) => {
      let written = 0;
      let closed = false;
      res.on('close', () => {
        closed = true;
        resolve(written);
      });
      const pump = (): void => {
        while (!closed && written < totalBytes) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!closed) res.end();
      };
      pump();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    written: () => finished,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
