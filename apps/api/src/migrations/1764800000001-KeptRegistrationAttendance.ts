import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A registration keeps the attendance recorded for it (present, absent, excused) once it moves on
 * to its outcome (completed, dropped out): the bilans count who came, not only who finished.
 */
export class KeptRegistrationAttendance1764800000001 implements MigrationInterface {
  name = 'KeptRegistrationAttendance1764800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE registration ADD COLUMN attendance text CHECK (attendance IN ('present', 'absent', 'excused'))`,
    );
    await q.query(`
      UPDATE registration SET attendance = CASE WHEN status = 'attended' THEN 'present'
                                                WHEN status = 'absent' AND excused THEN 'excused'
                                                WHEN status = 'absent' THEN 'absent' END
       WHERE status IN ('attended', 'absent')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registration DROP COLUMN attendance`);
  }
}
