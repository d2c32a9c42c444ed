import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ExportedRegistration } from '@catalogue/contracts';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { setTransactionTenant } from '../../common/tenancy/transaction-tenant.js';
import { runInTenantScope } from '../../common/tenancy/tenant-context.js';
import { RegistrationsService } from './registrations.service.js';
import {
  RegistrationsPrivacyRepository,
  type ExportEventRow,
  type ExportRow,
} from './registrations-privacy.repository.js';

type Db = Pick<EntityManager, 'query'>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function exported(
  row: ExportRow,
  tenant: { slug: string; name: string },
  events: ExportEventRow[],
): ExportedRegistration {
  return {
    id: row.id,
    tenant: tenant.slug,
    tenantName: tenant.name,
    offer: { id: row.offer_id, title: row.offer_title },
    session: row.session_id ? { id: row.session_id, startsAt: iso(row.starts_at)!, endsAt: iso(row.ends_at) } : null,
    status: row.status,
    channel: row.channel,
    person: {
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      phone: row.phone,
      communeInsee: row.commune_insee,
      situation: row.situation,
      ageBand: row.age_band,
      sex: row.sex,
      createdAt: iso(row.person_created_at)!,
      lastActivityAt: iso(row.last_activity_at)!,
    },
    consent: row.consent_how && row.consent_at ? { how: row.consent_how, at: iso(row.consent_at)! } : null,
    message: row.message,
    refusalReason: row.refusal_reason,
    refusalMessage: row.refusal_message,
    cancelledBy: row.cancelled_by,
    excused: row.excused,
    outcome: row.outcome,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    history: events.map((e) => ({
      at: iso(e.at)!,
      event: e.event,
      from: e.from_status,
      to: e.to_status,
      actorKind: e.actor_kind,
      detail: e.detail,
    })),
  };
}

/**
 * A person's rights over their registrations, for the privacy module: everything stored about them
 * in every département (their export), and the anonymisation of it when their account is deleted.
 * Cross-tenant: the person's own rows are found with the user set on the transaction (row-level
 * security lets a user read their own), then each tenant's rows are read or written with that
 * tenant set.
 */
@Injectable()
export class RegistrationsPrivacy {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
    private readonly repository: RegistrationsPrivacyRepository,
    private readonly registrations: RegistrationsService,
  ) {}

  /** Every registration of the account's person, in every tenant, with its history. */
  async exportOf(userId: string): Promise<ExportedRegistration[]> {
    const byId = new Map((await this.tenants.list()).map((t) => [t.id, t]));
    return this.dataSource.transaction(async (m) => {
      const out: ExportedRegistration[] = [];
      for (const [tenantId, personIds] of await this.ownPeopleByTenant(m, userId)) {
        const tenant = byId.get(tenantId);
        if (!tenant) continue;
        await setTransactionTenant(m, tenantId, userId);
        const rows = await this.repository.registrationsOf(m, tenantId, personIds);
        const events = await this.repository.historyOf(
          m,
          tenantId,
          rows.map((r) => r.id),
        );
        for (const row of rows)
          out.push(
            exported(
              row,
              tenant,
              events.filter((e) => e.registration_id === row.id),
            ),
          );
      }
      return out;
    });
  }

  /**
   * Anonymises the account's person in every tenant, in the caller's transaction (the account's
   * deletion). Returns, per tenant, how many registrations are kept anonymised. Leaves the
   * transaction bound to the last tenant it wrote to.
   */
  async anonymiseAccount(db: Db, userId: string): Promise<{ tenantId: string; registrations: number }[]> {
    const done: { tenantId: string; registrations: number }[] = [];
    const byId = new Map((await this.tenants.list()).map((t) => [t.id, t]));
    for (const [tenantId, personIds] of await this.ownPeopleByTenant(db, userId)) {
      await setTransactionTenant(db, tenantId, userId);
      // What still waits or holds a seat is cancelled first, as the person: seats go to the wait list.
      const tenant = byId.get(tenantId);
      if (tenant)
        await runInTenantScope({ tenant, manager: db as EntityManager }, () =>
          this.registrations.cancelAllOf(tenant, personIds, userId),
        );
      const { registrations } = await this.repository.anonymise(db, tenantId, personIds);
      done.push({ tenantId, registrations });
    }
    return done;
  }

  private async ownPeopleByTenant(db: Db, userId: string): Promise<Map<string, string[]>> {
    await setTransactionTenant(db, null, userId);
    const byTenant = new Map<string, string[]>();
    for (const p of await this.repository.ownPeople(db, userId))
      byTenant.set(p.tenant_id, [...(byTenant.get(p.tenant_id) ?? []), p.id]);
    return byTenant;
  }
}
