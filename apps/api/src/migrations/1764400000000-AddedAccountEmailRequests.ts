import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password-reset and magic-link requests wait here for a moment instead of being handled in the
 * request: the request only counts its rate limits and writes this row, whether or not an account
 * has the address, so its duration tells nobody which addresses have an account. A worker then
 * looks the address up, issues the token and writes the email. Rows live seconds; the address is
 * kept no longer than that (an hour at most when no worker ran, then dropped unsent).
 */
export class AddedAccountEmailRequests1764400000000 implements MigrationInterface {
  name = 'AddedAccountEmailRequests1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_email_request (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        purpose text NOT NULL CHECK (purpose IN ('password_reset', 'magic_link')),
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        ip text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX account_email_request_created_idx ON account_email_request (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS account_email_request`);
  }
}
