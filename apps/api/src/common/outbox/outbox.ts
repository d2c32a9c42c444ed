import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A file sent with an email (the .ics of an accepted session, a PDF), stored with the message. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  /** Text, or the bytes in base64 when `encoding` says so (a PDF). */
  content: string;
  encoding?: 'base64';
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

  /** Several emails in one statement (and one wake-up of the worker), in the caller's transaction. */
  async enqueueAll(db: Pick<EntityManager, 'query'>, messages: EmailMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await db.query(
      `WITH queued AS (
         INSERT INTO email_outbox (to_address, subject, text_body, html_body, attachments)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
         RETURNING id)
       SELECT pg_notify('email_outbox', '') WHERE EXISTS (SELECT 1 FROM queued)`,
      [
        messages.map((m) => m.to),
        messages.map((m) => m.subject),
        messages.map((m) => m.text),
        messages.map((m) => m.html),
        messages.map((m) => JSON.stringify(m.attachments ?? [])),
      ],
    );
  }
}
