import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Writes an email to the outbox in the caller's transaction: it exists if and only if the change
 * that caused it commits. The NOTIFY is delivered at commit and wakes the worker at once.
 */
@Injectable()
export class Outbox {
  async enqueue(db: Pick<EntityManager, 'query'>, message: EmailMessage): Promise<void> {
    await db.query(`INSERT INTO email_outbox (to_address, subject, text_body, html_body) VALUES ($1, $2, $3, $4)`, [
      message.to,
      message.subject,
      message.text,
      message.html,
    ]);
    await db.query(`SELECT pg_notify('email_outbox', '')`);
  }
}
