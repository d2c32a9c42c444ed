import { Injectable } from '@nestjs/common';
import type { MailboxMessage } from '@catalogue/contracts';
import type { EmailMessage } from '../../common/outbox/outbox.js';

/** How many messages the in-memory mailbox keeps (the oldest go first). */
export const MAILBOX_CAPACITY = 500;

/**
 * Where email goes when no SMTP server is configured (demo and tests): kept in this process only,
 * listed at /dev/mailbox outside production.
 */
@Injectable()
export class Mailbox {
  private readonly messages: MailboxMessage[] = [];

  deliver(message: EmailMessage, at = new Date()): void {
    this.messages.push({
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      at: at.toISOString(),
      attachments: (message.attachments ?? []).map(({ filename, contentType, content, encoding }) => ({
        filename,
        contentType,
        content,
        ...(encoding ? { encoding } : {}),
      })),
    });
    if (this.messages.length > MAILBOX_CAPACITY) this.messages.splice(0, this.messages.length - MAILBOX_CAPACITY);
  }

  /** Newest first. */
  list(): MailboxMessage[] {
    return [...this.messages].reverse();
  }
}
