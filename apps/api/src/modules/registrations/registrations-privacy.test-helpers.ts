// Helpers of the privacy and retention tests (compiled with them; not used by the application):
// people and registrations written straight in the database, as the registrations module stores them.
import type pg from 'pg';
import type { RegistrationStatus } from '@catalogue/contracts';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import type { TestTenant } from '../../testing/test-database.js';

export interface PersonOverrides {
  userId?: string | null;
  firstName?: string;
  lastName?: string;
  email?: string | null;
  phone?: string | null;
  communeInsee?: string | null;
  /** Days since the person's last activity (0: now). */
  inactiveDays?: number;
}

export async function makePerson(owner: pg.Client, tenant: Pick<TestTenant, 'id'>, o: PersonOverrides = {}) {
  return inTenantTransaction(owner, tenant.id, async () => {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO registration_person (tenant_id, user_id, first_name, last_name, email, phone, phone_key, commune_insee,
                                        situation, age_band, sex, created_at, last_activity_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'rsa', '26-44', 'female',
               now() - make_interval(days => $9), now() - make_interval(days => $9))
       RETURNING id`,
      [
        tenant.id,
        o.userId ?? null,
        o.firstName ?? 'Camille',
        o.lastName ?? 'Martin',
        o.email === undefined ? 'camille.martin@exemple.fr' : o.email,
        o.phone === undefined ? '06 12 34 56 78' : o.phone,
        o.phone === null ? null : '+33612345678',
        o.communeInsee ?? null,
        o.inactiveDays ?? 0,
      ],
    );
    return rows[0]!.id;
  });
}

/** A registration of the person to the offer (a self-registration unless `referentId`), with a first event. */
export async function makeRegistration(
  owner: pg.Client,
  tenant: Pick<TestTenant, 'id'>,
  o: {
    offerId: string;
    personId: string;
    sessionId?: string | null;
    status?: RegistrationStatus;
    message?: string | null;
    referentId?: string;
    detail?: string | null;
  },
): Promise<string> {
  const status = o.status ?? 'pending';
  return inTenantTransaction(owner, tenant.id, async () => {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO registration (tenant_id, offer_id, session_id, person_id, channel, referent_id, status, waitlisted_at,
                                 message, consent_how, consent_by, consent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7 = 'waitlisted' THEN now() END, $8,
               CASE WHEN $6::uuid IS NOT NULL THEN 'oral' END, $6, CASE WHEN $6::uuid IS NOT NULL THEN now() END)
       RETURNING id`,
      [
        tenant.id,
        o.offerId,
        o.sessionId ?? null,
        o.personId,
        o.referentId ? 'prescription' : 'self',
        o.referentId ?? null,
        status,
        o.message === undefined ? 'Je suis disponible le matin.' : o.message,
      ],
    );
    const id = rows[0]!.id;
    await owner.query(
      `INSERT INTO registration_event (tenant_id, registration_id, actor_kind, event, from_status, to_status, detail)
       VALUES ($1, $2, 'person', 'created', NULL, $3, $4)`,
      [tenant.id, id, status, o.detail === undefined ? 'Demande faite en ligne' : o.detail],
    );
    return id;
  });
}

export interface StoredPerson {
  user_id: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  phone_key: string | null;
  commune_insee: string | null;
  situation: string | null;
  age_band: string | null;
  sex: string | null;
  anonymised_at: Date | null;
}

export async function storedPerson(owner: pg.Client, tenant: Pick<TestTenant, 'id'>, id: string) {
  return inTenantTransaction(owner, tenant.id, async () => {
    const { rows } = await owner.query<StoredPerson>(
      `SELECT user_id, first_name, last_name, email, phone, phone_key, commune_insee, situation, age_band, sex, anonymised_at
         FROM registration_person WHERE tenant_id = $1 AND id = $2`,
      [tenant.id, id],
    );
    return rows[0];
  });
}

export async function storedRegistration(owner: pg.Client, tenant: Pick<TestTenant, 'id'>, id: string) {
  return inTenantTransaction(owner, tenant.id, async () => {
    const { rows } = await owner.query<{ status: string; message: string | null; details: (string | null)[] }>(
      `SELECT r.status, r.message, array(SELECT detail FROM registration_event e WHERE e.registration_id = r.id ORDER BY e.id) AS details
         FROM registration r WHERE r.tenant_id = $1 AND r.id = $2`,
      [tenant.id, id],
    );
    return rows[0];
  });
}

export async function auditOf(owner: pg.Client, tenant: Pick<TestTenant, 'id'>, action: string) {
  return inTenantTransaction(owner, tenant.id, async () => {
    const { rows } = await owner.query<{ actor_id: string | null; summary: string }>(
      `SELECT actor_id, summary FROM audit_log WHERE tenant_id = $1 AND action = $2 ORDER BY id`,
      [tenant.id, action],
    );
    return rows;
  });
}
