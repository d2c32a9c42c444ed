// A test app on a real port whose clients can be made to look remote: the server sees every new
// connection's peer as the address given, whatever the headers say.
import { request as httpRequest } from 'node:http';
import type { Server, Socket } from 'node:net';
import { startTestApp, type TestApp } from './test-app.js';

export interface ListeningApp extends TestApp {
  base: string;
  /** The peer address the server sees for connections from now on (null: the real one). */
  peerSeenAs: (address: string | null) => void;
}

export async function startListeningApp(options: Parameters<typeof startTestApp>[0] = {}): Promise<ListeningApp> {
  const t = await startTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const server = t.app.getHttpServer() as Server;
  let seenAs: string | null = null;
  server.prependListener('connection', (socket: Socket) => {
    if (seenAs !== null) Object.defineProperty(socket, 'remoteAddress', { value: seenAs });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return { ...t, base: `http://127.0.0.1:${address.port}`, peerSeenAs: (a) => (seenAs = a) };
}

export interface PlainResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request on a connection of its own (no keep-alive reuse: the peer address set for it applies). */
export function request(
  base: string,
  path: string,
  o: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      { method: o.method ?? 'GET', headers: o.headers, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}
