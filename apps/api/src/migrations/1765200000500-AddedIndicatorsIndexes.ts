// The indicators page and the execution report read a year of registrations (Paris time) with the
// few columns they count: a covering index on (tenant, created_at) lets them scan that year only,
// index-only, instead of every registration row (wide: consent, notes…). ADR 011.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddedIndicatorsIndexes1765200000500 implements MigrationInterface {
  name = 'AddedIndicatorsIndexes1765200000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX registration_year_idx ON registration (tenant_id, created_at)
         INCLUDE (offer_id, person_id, session_id, status, channel, decided_at, promoted, excused, refusal_reason)`,
    );
    // Seats taken per session (fill rates) counted from the index alone: the tenant is in it.
    await q.query(`DROP INDEX registration_session_idx`);
    await q.query(`CREATE INDEX registration_session_idx ON registration (session_id, status) INCLUDE (tenant_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registration_session_idx`);
    await q.query(`CREATE INDEX registration_session_idx ON registration (session_id, status)`);
    await q.query(`DROP INDEX registration_year_idx`);
  }
}
