import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The id of the request that wrote an audit line (X-Request-Id, also in the access log), so that a
 * line of the log leads to the request and back. Null for lines written outside any request (jobs)
 * and for every line written before this migration. Adding a nullable column rewrites no row: the
 * append-only trigger (UPDATE, DELETE, TRUNCATE) is neither fired nor changed.
 */
export class AddedAuditRequestId1765600000000 implements MigrationInterface {
  name = 'AddedAuditRequestId1765600000000';

  async up(q: QueryRunner): Promise<void> {
    // The shape the request id middleware keeps (common/logging/request-context.ts REQUEST_ID_PATTERN).
    await q.query(
      `ALTER TABLE audit_log ADD COLUMN request_id text
         CONSTRAINT audit_log_request_id_shape CHECK (request_id ~ '^[A-Za-z0-9._-]{8,64}$')`,
    );
    await q.query(`CREATE INDEX audit_log_request_idx ON audit_log (request_id) WHERE request_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_request_idx`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN request_id`);
  }
}
