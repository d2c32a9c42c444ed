import nodemailer from 'nodemailer';
import type { AppSettings } from '../../config/settings.js';
import type { Mailbox } from './mailbox.js';
import type { EmailMessage } from '../../common/outbox/outbox.js';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** Hands one email over for delivery; throws when it was not accepted. */
export interface MailTransport {
  readonly kind: 'smtp' | 'memory';
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer: a text and an HTML part (and the attachments), from the configured sender. */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  // One pooled connection: the worker sends one email after the other, and a new connection (and
  // TLS handshake) per email costs about ten times more. Short timeouts: the worker holds its
  // claim while sending; a silent server must not stall it for minutes.
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 1,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: 'smtp',
    async send(m) {
      await transporter.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        attachments: (m.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
          ...(a.encoding ? { encoding: a.encoding } : {}),
        })),
      });
    },
    close: () => transporter.close(),
  };
}

export function memoryTransport(mailbox: Mailbox): MailTransport {
  return {
    kind: 'memory',
    async send(m) {
      mailbox.deliver(m);
    },
    close: () => undefined,
  };
}

export const createMailTransport = (settings: AppSettings, mailbox: Mailbox): MailTransport =>
  settings.smtpUrl ? smtpTransport(settings.smtpUrl, settings.mailFrom) : memoryTransport(mailbox);
