// Loads the demo catalogue of the four demo départements from libs/domain/data/demo/<slug>.json, and their plans.
// Idempotent: tenants, territories, structures and offers are upserted by their keys; sessions are
// replaced (at their hours in Paris), and with them the registrations to them, which the demo then
// writes again when its accounts exist (demo-registrations.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { DEMO_TENANTS, withLuhnCheckDigit, type AccessMode, type ZoneType } from '@catalogue/domain';
import { upsertOffer, upsertOrganization, type Queryable } from '../database/catalogue-writer.js';
import { DEMO_SESSION_HOURS, parseDemoFile, type DemoFile } from './demo-file.js';
import { clearDemoRegistrations } from '../modules/registrations/registrations-demo.js';
import { ensureDemoRegistrations } from './demo-registrations.js';
import { loadDemoPlan } from './demo-plan.js';
import { ensureDemoActionActivity } from './demo-bilans.js';
import { upsertTenant } from '../database/tenant-writer.js';
import { setTransactionTenant } from '../common/tenancy/transaction-tenant.js';

const PARIS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock reading in Paris of an instant, as if it were UTC (its offset is the difference). */
function parisWallClock(t: number): number {
  const p = Object.fromEntries(PARIS.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
}

/** The instant at `time` ("HH:MM", Europe/Paris) on the Paris calendar day `days` after `now`'s. */
export function parisTime(now: Date, days: number, time: string): Date {
  const today = new Date(parisWallClock(now.getTime()));
  const [hours, minutes] = time.split(':').map(Number);
  const wall = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days, hours, minutes);
  // Paris is UTC+1 or UTC+2: take the offset of the instant found, once more across a change of time.
  let t = wall - (parisWallClock(wall) - wall);
  t = wall - (parisWallClock(t) - t);
  return new Date(t);
}

export function demoFileUrl(slug: string): URL {
  return new URL(`../../../../libs/domain/data/demo/${slug}.json`, import.meta.url);
}

export function readDemoFile(slug: string): DemoFile {
  return parseDemoFile(JSON.parse(readFileSync(demoFileUrl(slug), 'utf8')), slug);
}

/** A stable, fictitious but valid SIRET for a demo structure. */
export function demoSiret(tenantCode: string, key: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(`${tenantCode}:${key}`).digest('hex').slice(0, 15)}`)
    .toString()
    .padStart(13, '0');
  return withLuhnCheckDigit(digits.slice(-13));
}

// Shared with the platform's tenant creation; still exported from here for existing callers.
export { upsertTenant };

interface CommuneInfo {
  insee: string;
  name: string;
  lat: number;
  lng: number;
}

async function loadTenant(
  db: Queryable,
  tenant: { id: string; code: string; slug: string },
  file: DemoFile,
  now: Date,
): Promise<number> {
  const { rows: communeRows } = await db.query<CommuneInfo & { epci: string | null }>(
    `SELECT insee, name, lat, lng, epci FROM commune WHERE departement = $1`,
    [tenant.code],
  );
  const communes = new Map(communeRows.map((c) => [c.insee, c]));
  const commune = (insee: string, where: string): CommuneInfo => {
    const c = communes.get(insee);
    if (!c) throw new Error(`${where}: commune ${insee} is not in département ${tenant.code}`);
    return c;
  };
  // The caller's transaction moves from tenant to tenant: this one's rows go in under its own.
  await setTransactionTenant(db, tenant.id);
  // A reload replaces the offers' sessions: the registrations to them go first (and the demo's own).
  const { rows: loaded } = await db.query<{ id: string }>(
    `SELECT id FROM offer WHERE tenant_id = $1 AND source_key = ANY($2::text[])`,
    [tenant.id, file.offers.map((o) => o.key)],
  );
  if (loaded.length)
    await clearDemoRegistrations(
      db,
      tenant.id,
      loaded.map((o) => o.id),
    );
  for (const t of file.territories) {
    const members = new Set([
      ...t.communes,
      ...communeRows.filter((c) => c.epci && t.epcis.includes(c.epci)).map((c) => c.insee),
    ]);
    await db.query(
      `INSERT INTO territory (tenant_id, code, name, commune_codes) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, code) DO UPDATE SET name = EXCLUDED.name, commune_codes = EXCLUDED.commune_codes`,
      [tenant.id, t.code, t.name, [...members].sort()],
    );
  }
  const orgs = new Map<string, { id: string; name: string }>();
  for (const o of file.organizations) {
    const c = commune(o.communeInsee, o.key);
    const id = await upsertOrganization(db, tenant.id, {
      sourceKey: o.key,
      name: o.name,
      kind: o.kind,
      siret: demoSiret(tenant.code, o.key),
      description: o.description,
      address: o.address,
      communeInsee: c.insee,
      lat: c.lat,
      lng: c.lng,
      website: o.website ?? null,
      email: o.email ?? null,
      phone: o.phone ?? null,
    });
    orgs.set(o.key, { id, name: o.name });
  }
  for (const o of file.offers) {
    const org = orgs.get(o.organization);
    if (!org) throw new Error(`${o.key}: unknown organization ${o.organization}`);
    // The offer's own fields go as they are (OfferFields, first: the file's keys never override
    // the loader's); references, the zone and the sessions are resolved here.
    const { key, organization, access, mobilisation, zone, contact, places, sessions, ...fields } = o;
    await upsertOffer(db, tenant, {
      ...fields,
      sourceKey: key,
      organizationId: org.id,
      organizationName: org.name,
      status: 'published',
      access: access as AccessMode,
      mobilisation,
      zoneType: zone.type as ZoneType,
      zoneCodes: zone.codes,
      contactName: contact.name,
      contactEmail: contact.email ?? null,
      contactPhone: contact.phone ?? null,
      places: places.map((p) => {
        const c = commune(p.communeInsee, key);
        return {
          label: p.label ?? null,
          address: p.address,
          communeInsee: c.insee,
          communeName: c.name,
          lat: c.lat,
          lng: c.lng,
        };
      }),
      sessions: sessions.map((s) => ({
        startsAt: parisTime(now, s.startInDays, s.startTime ?? DEMO_SESSION_HOURS.startTime),
        endsAt: parisTime(now, s.startInDays + s.durationDays, s.endTime ?? DEMO_SESSION_HOURS.endTime),
        capacity: s.capacity,
        booked: s.booked,
      })),
    });
  }
  // The plan, then the offers' fiches (their text, read with the table of PLAN_MEASURES.md).
  await loadDemoPlan(db, tenant.id, tenant.slug);
  // Once the demo accounts exist (a reload), their registrations; on a fresh base, the accounts' step writes them.
  await ensureDemoRegistrations(db, tenant, now);
  // The funded actions' past sessions, which the reload replaced with the offers' own.
  await ensureDemoActionActivity(db, tenant, now);
  return file.offers.length;
}

/**
 * Loads every demo tenant (or those of `only`) in one transaction (all or nothing: every file is
 * checked first); returns the number of offers per tenant slug.
 */
export async function loadDemoData(
  ownerUrl: string,
  now = new Date(),
  only: readonly string[] | null = null,
): Promise<Record<string, number>> {
  const files = DEMO_TENANTS.filter((t) => !only || only.includes(t.slug)).map((t) => ({
    ...t,
    file: readDemoFile(t.slug),
  }));
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const loaded: Record<string, number> = {};
  try {
    await client.query('BEGIN');
    for (const t of files) {
      const tenant = await upsertTenant(client, t.code, t.slug, t.name);
      loaded[t.slug] = await loadTenant(client, { ...tenant, slug: t.slug }, t.file, now);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
  return loaded;
}

/** True when the database holds no tenant yet (a fresh install). */
export async function isEmpty(ownerUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM tenant`);
    return Number(rows[0]!.n) === 0;
  } finally {
    await client.end();
  }
}
