// Helpers of the mail tests (compiled with them; not used by the application): a real SMTP server
// on a random port and a small MIME reader, enough for what nodemailer writes.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** Times of each RCPT TO per address (accepted or not). */
  attempts: Map<string, number[]>;
  /** RCPT TO for these addresses is refused (450) this many more times. */
  refuse: Map<string, number>;
  close: () => Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const attempts = new Map<string, number[]>();
  const refuse = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    // No DNS on each connection: the worker may send many other tests' emails here too.
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const to = address.address.toLowerCase();
      attempts.set(to, [...(attempts.get(to) ?? []), Date.now()]);
      const left = refuse.get(to) ?? 0;
      if (left > 0) {
        refuse.set(to, left - 1);
        const error = new Error('Boîte temporairement indisponible') as Error & { responseCode: number };
        error.responseCode = 450;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const decodeQp = (s: string): Buffer => {
  const soft = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(soft.charCodeAt(i));
  }
  return Buffer.from(bytes);
};

/** RFC 2047 encoded words (=?UTF-8?B|Q?…?=) of a header, decoded. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, enc: string, text: string) =>
      (enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQp(text.replace(/_/g, ' '))).toString('utf8'),
    );
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: at < 0 ? '' : raw.slice(at + 4) };
}

function decodeBody(p: Part): string {
  const enc = (p.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    enc === 'base64'
      ? Buffer.from(p.body.replace(/\s+/g, ''), 'base64')
      : enc === 'quoted-printable'
        ? decodeQp(p.body)
        : Buffer.from(p.body, 'latin1');
  return bytes.toString('utf8');
}

/** The leaf parts of a part: itself, or those of each part of a multipart (nested, as with attachments). */
function leaves(p: Part): Part[] {
  const contentType = p.headers.get('content-type') ?? '';
  const boundary = /^multipart\//i.test(contentType) ? /boundary="?([^";]+)"?/i.exec(contentType)?.[1] : undefined;
  if (!boundary) return [p];
  return p.body
    .split(`--${boundary}`)
    .slice(1, -1)
    .flatMap((raw) => leaves(splitPart(raw.replace(/^\r\n/, ''))));
}

/**
 * Subject, the text and HTML parts and the attached files of a message as nodemailer writes it
 * (multipart/alternative, inside multipart/mixed when there are attachments).
 */
export function readMessage(raw: string): {
  from: string;
  subject: string;
  contentType: string;
  text: string | null;
  html: string | null;
  attachments: { filename: string; contentType: string; content: string }[];
} {
  const top = splitPart(raw);
  const contentType = top.headers.get('content-type') ?? '';
  const out = {
    from: decodeHeader(top.headers.get('from') ?? ''),
    subject: decodeHeader(top.headers.get('subject') ?? ''),
    contentType,
    text: null as string | null,
    html: null as string | null,
    attachments: [] as { filename: string; contentType: string; content: string }[],
  };
  for (const p of leaves(top)) {
    const type = (p.headers.get('content-type') ?? 'text/plain').toLowerCase();
    const disposition = p.headers.get('content-disposition') ?? '';
    if (/^attachment/i.test(disposition)) {
      const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? '';
      out.attachments.push({ filename: decodeHeader(filename), contentType: type, content: decodeBody(p) });
    } else if (type.startsWith('text/plain')) out.text = decodeBody(p).replace(/\r\n$/, '');
    else if (type.startsWith('text/html')) out.html = decodeBody(p).replace(/\r\n$/, '');
  }
  return out;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}
