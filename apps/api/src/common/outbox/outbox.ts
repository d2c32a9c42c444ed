import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A file sent with an email (the .ics of an accepted session): text content, stored with the message. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[];
}

/**
 * Writes an email to the outbox in the caller's transaction: it exists if and only if the change
 * that caused it commits. The NOTIFY is delivered at commit and wakes the worker at once.
 */
@Injectable()
export class Outbox {
  async enqueue(db: Pick<EntityManager, 'query'>, message: EmailMessage): Promise<void> {
    await db.query(
      `INSERT INTO email_outbox (to_address, subject, text_body, html_body, attachments) VALUES ($1, $2, $3, $4, $5)`,
      [message.to, message.subject, message.text, message.html, JSON.stringify(message.attachments ?? [])],
    );
    await db.query(`SELECT pg_notify('email_outbox', '')`);
  }
}
