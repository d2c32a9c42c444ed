// The demo accounts of `npm start` (never in production): for each demo département an agent
// (also its admin), a structure admin, a referent and a beneficiary, plus the platform admin; then
// the département's demo registrations, which need them (demo-registrations.ts).
// Idempotent: run at every start in demo mode, so a database made before accounts existed gets them.
import pg from 'pg';
import { ensureDemoActionActivity, ensureDemoBilans } from './demo-bilans.js';
import { DEMO_TENANTS } from '@catalogue/domain';
import type { Queryable } from '../database/catalogue-writer.js';
import { hashPassword } from '../modules/auth/password.js';
import { setTransactionTenant } from '../common/tenancy/transaction-tenant.js';
import { ensureDemoRegistrations } from './demo-registrations.js';
import { ensureDemoCalls } from './demo-calls.js';
import { ensureDemoReport } from './demo-report.js';
import { FilesystemStorage } from '../common/storage/file-storage.js';
import { DEFAULT_SETTINGS } from '../config/settings.js';

export const DEMO_PASSWORD = 'Demo-Insertion-2026';
export const PLATFORM_ADMIN_EMAIL = 'admin@demo.local';

export const demoEmail = (kind: 'agent' | 'structure' | 'referent' | 'beneficiaire', slug: string) =>
  `${kind}.${slug}@demo.local`;

/** The demo beneficiaries' invented names (a person's name, as the app splits it into first and last). */
export const DEMO_BENEFICIARY_NAMES: Record<string, string> = {
  drome: 'Camille Martin',
  isere: 'Alexis Fontaine',
  'saone-et-loire': 'Samia Belkacem',
  'indre-et-loire': 'Mathis Lemaire',
};

async function ensureUser(
  db: Queryable,
  email: string,
  name: string,
  passwordHash: string,
  platformAdmin = false,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO app_user (email, name, password_hash, email_verified_at, platform_admin) VALUES ($1, $2, $3, now(), $4)
     ON CONFLICT (email) DO UPDATE SET platform_admin = EXCLUDED.platform_admin OR app_user.platform_admin
     RETURNING id`,
    [email, name, passwordHash, platformAdmin],
  );
  return rows[0]!.id;
}

async function ensureMembership(
  db: Queryable,
  tenantId: string,
  userId: string,
  role: string,
  organizationId: string | null = null,
) {
  await db.query(
    `INSERT INTO membership (tenant_id, user_id, role, organization_id, status) VALUES ($1, $2, $3, $4, 'active') ON CONFLICT DO NOTHING`,
    [tenantId, userId, role, organizationId],
  );
}

/**
 * `filesDir`: where the demo's documents (calls, applications, letters, agreements) are kept, as
 * the running app's file storage reads them (FILES_DIR).
 */
export async function ensureDemoAccounts(ownerUrl: string, filesDir = DEFAULT_SETTINGS.filesDir): Promise<number> {
  const storage = new FilesystemStorage(filesDir);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  let count = 0;
  try {
    await client.query('BEGIN');
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await ensureUser(client, PLATFORM_ADMIN_EMAIL, 'Administratrice de la plateforme', passwordHash, true);
    count++;
    for (const t of DEMO_TENANTS) {
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = $1`, [t.slug]);
      const tenantId = rows[0]?.id;
      if (!tenantId) continue;
      await setTransactionTenant(client, tenantId);
      // A partner structure (not the département itself) with the most published offers, and a prescribing one (CCAS, France Travail, mission locale…).
      const { rows: partner } = await client.query<{ id: string }>(
        `SELECT o.id FROM organization o JOIN offer f ON f.organization_id = o.id AND f.status = 'published'
          WHERE o.status = 'validated' GROUP BY o.id
          ORDER BY (o.kind IN ('local_authority', 'public_employment_service')), count(*) DESC, o.name LIMIT 1`,
      );
      const { rows: prescriber } = await client.query<{ id: string }>(
        `SELECT id FROM organization WHERE status = 'validated' AND id <> $1
          ORDER BY (kind IN ('ccas', 'public_employment_service', 'mission_locale', 'local_authority')) DESC, name LIMIT 1`,
        [partner[0]?.id ?? '00000000-0000-0000-0000-000000000000'],
      );
      const agent = await ensureUser(client, demoEmail('agent', t.slug), `Agent ${t.name}`, passwordHash);
      await ensureMembership(client, tenantId, agent, 'agent');
      await ensureMembership(client, tenantId, agent, 'admin');
      if (partner[0]) {
        const user = await ensureUser(client, demoEmail('structure', t.slug), `Partenaire ${t.name}`, passwordHash);
        await ensureMembership(client, tenantId, user, 'structure_admin', partner[0].id);
      }
      if (prescriber[0]) {
        await client.query(`UPDATE organization SET prescriber = true WHERE id = $1`, [prescriber[0].id]);
        const user = await ensureUser(client, demoEmail('referent', t.slug), `Référente ${t.name}`, passwordHash);
        await ensureMembership(client, tenantId, user, 'structure_member', prescriber[0].id);
      }
      const beneficiaryName = DEMO_BENEFICIARY_NAMES[t.slug] ?? `Bénéficiaire ${t.name}`;
      const beneficiary = await ensureUser(client, demoEmail('beneficiaire', t.slug), beneficiaryName, passwordHash);
      // An account made before it had a person's name gets one.
      await client.query(`UPDATE app_user SET name = $2 WHERE id = $1 AND name = $3`, [
        beneficiary,
        beneficiaryName,
        `Bénéficiaire ${t.name}`,
      ]);
      await ensureMembership(client, tenantId, beneficiary, 'beneficiary');
      count += 4;
      await ensureDemoRegistrations(client, { id: tenantId, code: t.code, slug: t.slug });
      await ensureDemoCalls(client, { id: tenantId, code: t.code, slug: t.slug, name: t.name }, storage);
      await ensureDemoActionActivity(client, { id: tenantId, code: t.code, slug: t.slug });
      await ensureDemoBilans(client, { id: tenantId, slug: t.slug });
      await ensureDemoReport(client, { id: tenantId, slug: t.slug });
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
  return count;
}
