// A tenant's frame comes from the reference data: its name and the bounding box of its communes
// (communes and EPCI themselves are global reference tables, shared by every tenant).
import { loadDepartements, type Departement } from '@catalogue/domain/geo';
import type { Queryable } from './catalogue-writer.js';

/** The département of this INSEE code in the reference data, if any. */
export const departementOf = (code: string): Departement | undefined => loadDepartements().find((d) => d.code === code);

function frame(code: string): Departement {
  const dep = departementOf(code);
  if (!dep) throw new Error(`Unknown département ${code}`);
  return dep;
}

const COLUMNS = `(code, slug, name, bbox_min_lng, bbox_min_lat, bbox_max_lng, bbox_max_lat) VALUES ($1, $2, $3, $4, $5, $6, $7)`;

/** Creates the tenant or renames the existing one of that code (demo loader, test tenants). */
export async function upsertTenant(
  db: Queryable,
  code: string,
  slug: string,
  name: string,
): Promise<{ id: string; code: string }> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO tenant ${COLUMNS} ON CONFLICT (code) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name RETURNING id`,
    [code, slug, name, ...frame(code).bbox],
  );
  return { id: rows[0]!.id, code };
}

/** Creates a new tenant; a taken code or slug fails with PostgreSQL's unique violation (23505). */
export async function insertTenant(
  db: Queryable,
  code: string,
  slug: string,
  name: string,
): Promise<{ id: string; code: string }> {
  const { rows } = await db.query<{ id: string }>(`INSERT INTO tenant ${COLUMNS} RETURNING id`, [
    code,
    slug,
    name,
    ...frame(code).bbox,
  ]);
  return { id: rows[0]!.id, code };
}
