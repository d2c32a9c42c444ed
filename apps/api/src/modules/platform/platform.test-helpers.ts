// Helpers of the platform tests and access cases (compiled with them; not used by the application).
import type pg from 'pg';
import { randomUUID } from 'node:crypto';

/** A département code that has communes and no tenant yet (random: parallel test files rarely collide). */
export async function freeDepartementCode(db: Pick<pg.Client, 'query'>): Promise<string> {
  const { rows } = await db.query<{ code: string }>(
    `SELECT DISTINCT c.departement AS code FROM commune c
      WHERE NOT EXISTS (SELECT 1 FROM tenant t WHERE t.code = c.departement)`,
  );
  if (!rows.length) throw new Error('no free département code left');
  return rows[Math.floor(Math.random() * rows.length)]!.code;
}

export const staffEmail = (prefix = 'equipe') => `${prefix}-${randomUUID().slice(0, 12)}@test.local`;
