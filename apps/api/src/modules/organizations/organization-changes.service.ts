// The identity (name, SIRET, prescriber flag) of a validated structure changes only through a
// change an agent reviews, like an offer's revision: proposed by the structure, then accepted
// (applied) or refused with a reason, or withdrawn. Each step writes its emails and audit line in
// the request's transaction. Callers hold the structure's row lock (OrganizationsService.visible).
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { ORGANIZATION_IDENTITY_FIELDS, type OrganizationIdentity } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Resource } from '../../common/policy/policy.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { MembershipsRepository } from './memberships.repository.js';
import {
  OrganizationChangesRepository,
  isOnePendingViolation,
  type OrganizationChangeRow,
} from './organization-changes.repository.js';
import {
  describeIdentityChange,
  identityChangeAcceptedEmail,
  identityChangeRefusedEmail,
  identityChangeRequestedEmail,
  emailSite,
  type EmailSite,
} from './organization-emails.js';
import { OrganizationsRepository, type OrganizationState } from './organizations.repository.js';
import { refuseDuplicateSiret } from './siret-conflict.js';

type Visible = OrganizationState & { resource: Resource };

/** The identity fields whose value differs between `current` and `next`. */
export function identityDiff(current: OrganizationIdentity, next: OrganizationIdentity): Partial<OrganizationIdentity> {
  const diff: Partial<OrganizationIdentity> = {};
  for (const k of ORGANIZATION_IDENTITY_FIELDS) if (next[k] !== current[k]) Object.assign(diff, { [k]: next[k] });
  return diff;
}

const pendingConflict = () =>
  new ConflictException({
    code: 'identity_change_pending',
    message:
      'Une modification du nom, du SIRET ou du caractère prescripteur de cette structure attend déjà la décision du département : attendez-la, ou retirez-la.',
  });

@Injectable()
export class OrganizationChanges {
  constructor(
    private readonly changes: OrganizationChangesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly policy: Policy,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  private site(tenant: Tenant): EmailSite {
    return emailSite(this.settings.publicUrl, tenant);
  }

  /**
   * Whether an identity edit of this validated structure by `actor` applies at once: only when the
   * actor could accept it themself (an agent, unless four eyes forbids approving one's own change).
   */
  async appliesAtOnce(actor: Actor, o: Visible): Promise<boolean> {
    const fourEyes = await this.organizations.fourEyes();
    return this.policy.can(actor, 'organization.change.accept', {
      ...o.resource,
      fourEyes,
      createdBy: actor.userId,
      lastEditedBy: actor.userId,
    });
  }

  /** One identity change at a time: any other identity edit waits for the decision (409). */
  async refuseIfPending(organizationId: string): Promise<void> {
    if (await this.changes.pendingOf(organizationId)) throw pendingConflict();
  }

  async propose(
    actor: Actor,
    tenant: Tenant,
    o: Visible,
    proposed: Partial<OrganizationIdentity>,
    previous: Partial<OrganizationIdentity>,
    meta: RequestMetaValue,
  ): Promise<void> {
    try {
      await this.changes.insert(o.id, proposed, previous, actor.userId);
    } catch (e) {
      // The database's one-pending-change index: the request's transaction is rolled back whole.
      throw isOnePendingViolation(e) ? pendingConflict() : e;
    }
    const change = describeIdentityChange(previous, proposed);
    const manager = this.db.manager();
    for (const to of await this.organizations.agentEmails()) {
      await this.outbox.enqueue(manager, {
        to,
        ...identityChangeRequestedEmail(this.site(tenant), o, change, actor.email),
      });
    }
    await this.audit.record(manager, {
      tenantId: tenant.id,
      actor,
      action: 'organization.change_requested',
      targetType: 'organization',
      targetId: o.id,
      summary: `Structure « ${o.name} » : modification proposée, en attente d’un agent (${change})`,
      ip: meta.ip,
    });
  }

  async accept(
    actor: Actor | null,
    tenant: Tenant,
    o: Visible,
    changeId: string,
    meta: RequestMetaValue,
  ): Promise<void> {
    const fourEyes = await this.organizations.fourEyes();
    const change = await this.decidable(actor, o, changeId, 'organization.change.accept', fourEyes);
    const { proposed } = change;
    if (proposed.siret !== undefined && proposed.siret !== o.siret && proposed.siret)
      await refuseDuplicateSiret(this.organizations, proposed.siret, o.id);
    await this.organizations.applyIdentity(o.id, proposed);
    if (proposed.name !== undefined && proposed.name !== o.name)
      await this.organizations.rederiveOffers(o.id, proposed.name);
    await this.changes.decide(change.id, 'accepted', null, actor!.userId);
    const name = proposed.name ?? o.name;
    const described = describeIdentityChange(change.previous, proposed);
    const manager = this.db.manager();
    for (const to of await this.memberships.adminEmails(o.id)) {
      await this.outbox.enqueue(manager, {
        to,
        ...identityChangeAcceptedEmail(this.site(tenant), { id: o.id, name }, described),
      });
    }
    await this.audit.record(manager, {
      tenantId: tenant.id,
      actor,
      action: 'organization.change_accepted',
      targetType: 'organization',
      targetId: o.id,
      summary: `Structure « ${name} » : modification acceptée (${described})`,
      ip: meta.ip,
    });
  }

  async refuse(
    actor: Actor | null,
    tenant: Tenant,
    o: Visible,
    changeId: string,
    reason: string,
    meta: RequestMetaValue,
  ): Promise<void> {
    const change = await this.decidable(actor, o, changeId, 'organization.change.refuse', false);
    await this.changes.decide(change.id, 'refused', reason, actor!.userId);
    const described = describeIdentityChange(change.previous, change.proposed);
    const manager = this.db.manager();
    for (const to of await this.memberships.adminEmails(o.id)) {
      await this.outbox.enqueue(manager, {
        to,
        ...identityChangeRefusedEmail(this.site(tenant), o, described, reason),
      });
    }
    await this.audit.record(manager, {
      tenantId: tenant.id,
      actor,
      action: 'organization.change_refused',
      targetType: 'organization',
      targetId: o.id,
      summary: `Structure « ${o.name} » : modification refusée (${described}) : ${reason}`,
      ip: meta.ip,
    });
  }

  async withdraw(
    actor: Actor | null,
    tenant: Tenant,
    o: Visible,
    changeId: string,
    meta: RequestMetaValue,
  ): Promise<void> {
    this.policy.authorize(actor, 'organization.change.withdraw', o.resource, 'Structure');
    const change = await this.pending(o.id, changeId);
    await this.changes.delete(change.id);
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'organization.change_withdrawn',
      targetType: 'organization',
      targetId: o.id,
      summary: `Structure « ${o.name} » : modification retirée (${describeIdentityChange(change.previous, change.proposed)})`,
      ip: meta.ip,
    });
  }

  /** The change, if the actor may decide it (four eyes: never one's own proposal) and it still waits. */
  private async decidable(
    actor: Actor | null,
    o: Visible,
    changeId: string,
    action: 'organization.change.accept' | 'organization.change.refuse',
    fourEyes: boolean,
  ) {
    const change = await this.changes.find(o.id, changeId);
    this.policy.authorize(
      actor,
      action,
      { ...o.resource, fourEyes, createdBy: change?.created_by, lastEditedBy: change?.created_by },
      'Modification',
    );
    if (!change) throw notFound('Modification');
    return this.stillPending(change);
  }

  private async pending(organizationId: string, changeId: string): Promise<OrganizationChangeRow> {
    const change = await this.changes.find(organizationId, changeId);
    if (!change) throw notFound('Modification');
    return this.stillPending(change);
  }

  private stillPending(change: OrganizationChangeRow): OrganizationChangeRow {
    if (change.status !== 'pending') {
      throw new ConflictException({
        code: 'change_not_pending',
        message: `Cette modification a déjà été ${change.status === 'accepted' ? 'acceptée' : 'refusée'}.`,
      });
    }
    return change;
  }
}
