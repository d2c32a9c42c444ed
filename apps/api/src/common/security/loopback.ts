import type { Request } from 'express';

/**
 * Whether the request comes from this machine, judged by the socket's peer only: no header (not
 * X-Forwarded-For, not Host) can make a remote client look local.
 */
export function isLoopbackPeer(req: Pick<Request, 'socket'>): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}
