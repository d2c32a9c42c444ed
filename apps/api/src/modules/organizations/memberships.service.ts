import { ConflictException, Inject, Injectable, BadRequestException } from '@nestjs/common';
import { AUTH_LIMITS, type StructureRole } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { hashToken, newToken } from '../../common/auth/session-cookie.js';
import { notFound } from '../../common/errors/app-errors.js';
import { rolesAllowed } from '../../common/policy/policy.js';
import { forbidden, Policy } from '../../common/policy/policy.service.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { MembershipsRepository, type MemberRow } from './memberships.repository.js';
import type { OrganizationMemberDto, OrganizationMembersDto, PendingInvitationDto } from './organization.dto.js';
import {
  invitationEmail,
  joinRequestedEmail,
  membershipAcceptedEmail,
  membershipRefusedEmail,
  emailSite,
  type EmailSite,
} from './organization-emails.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { OrganizationsService } from './organizations.service.js';

const toMember = (m: MemberRow): OrganizationMemberDto => ({
  membershipId: m.id,
  userId: m.user_id,
  email: m.email,
  name: m.name,
  role: m.role,
  status: m.status,
  message: m.message,
  createdAt: new Date(m.created_at).toISOString(),
});

/** A structure keeps at least one of those who manage its members. */
const isStructureAdmin = (role: string) =>
  (rolesAllowed('organization.members.manage') as readonly string[]).includes(role);
const conflict = (code: string, message: string) => new ConflictException({ code, message });
const lastAdmin = () =>
  conflict('last_admin', 'La structure doit garder au moins un administrateur ou une administratrice actif');
const invalidToken = () =>
  new BadRequestException({
    code: 'invalid_token',
    parameter: 'token',
    message: 'Ce lien d’invitation est invalide, expiré ou déjà utilisé',
  });

/** Joining a structure: access requests, their answers, roles, departures and invitations by email. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly organizationsRepo: OrganizationsRepository,
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

  private record(
    actor: Actor,
    tenant: Tenant,
    action: string,
    targetId: string,
    summary: string,
    meta: RequestMetaValue,
  ) {
    return this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action,
      targetType: 'membership',
      targetId,
      summary,
      ip: meta.ip,
    });
  }

  /** An access request to a validated structure, answered by its admins. */
  async join(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
    message: string | null,
    meta: RequestMetaValue,
  ): Promise<OrganizationMemberDto> {
    const o = await this.organizationsRepo.findState(organizationId, true);
    if (!o) throw notFound('Structure');
    const resource = { tenantId: tenant.id, organizationId, organizationStatus: o.status };
    this.policy.authorize(actor, 'organization.join', resource, 'Structure');
    if (o.status !== 'validated') {
      // Only validated structures are public: others stay hidden to those who cannot read them.
      if (!this.policy.can(actor, 'organization.read', resource)) throw notFound('Structure');
      throw conflict(
        'not_validated',
        'Cette structure n’est pas validée : on ne peut pas encore demander à la rejoindre',
      );
    }
    const existing = await this.memberships.findOfUser(organizationId, actor.userId);
    if (existing?.status === 'active') throw conflict('already_member', 'Vous êtes déjà membre de cette structure');
    if (existing?.status === 'pending')
      throw conflict('already_requested', 'Votre demande d’accès attend déjà une réponse');
    let id: string;
    if (existing) {
      await this.memberships.reopen(existing.id, 'structure_member', message);
      id = existing.id;
    } else {
      id = await this.memberships.insert(actor.userId, organizationId, 'structure_member', 'pending', message);
    }
    const manager = this.db.manager();
    for (const to of await this.memberships.adminEmails(organizationId)) {
      await this.outbox.enqueue(manager, {
        to,
        ...joinRequestedEmail(this.site(tenant), o, { email: actor.email, name: actor.name }, message),
      });
    }
    await this.record(
      actor,
      tenant,
      'membership.requested',
      id,
      `${actor.email} demande à rejoindre « ${o.name} »`,
      meta,
    );
    return toMember((await this.memberships.find(organizationId, id))!);
  }

  async list(actor: Actor | null, tenant: Tenant, organizationId: string): Promise<OrganizationMembersDto> {
    const o = await this.organizations.visible(actor, tenant, organizationId);
    const members = (await this.memberships.listMembers(organizationId)).map(toMember);
    const invitations: PendingInvitationDto[] = this.policy.can(actor, 'organization.members.manage', o.resource)
      ? (await this.memberships.pendingInvitations(organizationId)).map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role,
          expiresAt: new Date(i.expires_at).toISOString(),
        }))
      : [];
    return { members, invitations };
  }

  /** The structure (locked: membership changes are serialised) and the membership, for an admin of the structure. */
  private async managed(actor: Actor | null, tenant: Tenant, organizationId: string, membershipId: string) {
    const o = await this.organizations.visible(actor, tenant, organizationId, true);
    this.policy.authorize(actor, 'organization.members.manage', o.resource, 'Structure');
    const m = await this.memberships.find(organizationId, membershipId);
    if (!m || m.status === 'refused') throw notFound('Membre');
    return { o, m, actor: actor! };
  }

  async accept(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
    membershipId: string,
    meta: RequestMetaValue,
  ): Promise<OrganizationMemberDto> {
    const { o, m, actor: a } = await this.managed(actor, tenant, organizationId, membershipId);
    if (m.status !== 'pending') throw conflict('not_pending', 'Cette demande a déjà reçu une réponse');
    await this.memberships.decide(m.id, 'active', a.userId);
    await this.outbox.enqueue(this.db.manager(), { to: m.email, ...membershipAcceptedEmail(this.site(tenant), o) });
    await this.record(
      a,
      tenant,
      'membership.accepted',
      m.id,
      `Demande de ${m.email} acceptée dans « ${o.name} »`,
      meta,
    );
    return toMember((await this.memberships.find(organizationId, m.id))!);
  }

  async refuse(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
    membershipId: string,
    meta: RequestMetaValue,
  ): Promise<OrganizationMemberDto> {
    const { o, m, actor: a } = await this.managed(actor, tenant, organizationId, membershipId);
    if (m.status !== 'pending') throw conflict('not_pending', 'Cette demande a déjà reçu une réponse');
    await this.memberships.decide(m.id, 'refused', a.userId);
    await this.outbox.enqueue(this.db.manager(), { to: m.email, ...membershipRefusedEmail(this.site(tenant), o) });
    await this.record(a, tenant, 'membership.refused', m.id, `Demande de ${m.email} refusée dans « ${o.name} »`, meta);
    return toMember((await this.memberships.find(organizationId, m.id))!);
  }

  async setRole(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
    membershipId: string,
    role: StructureRole,
    meta: RequestMetaValue,
  ): Promise<OrganizationMemberDto> {
    const { o, m, actor: a } = await this.managed(actor, tenant, organizationId, membershipId);
    if (m.status !== 'active') throw conflict('not_active', 'Acceptez d’abord la demande d’accès');
    if (m.role !== role) {
      if (isStructureAdmin(m.role) && (await this.memberships.activeAdminCount(organizationId)) <= 1) throw lastAdmin();
      await this.memberships.setRole(m.id, role);
      await this.record(
        a,
        tenant,
        'membership.role_changed',
        m.id,
        `${m.email} : ${m.role} → ${role} dans « ${o.name} »`,
        meta,
      );
    }
    return toMember((await this.memberships.find(organizationId, m.id))!);
  }

  /** An admin removes a member (or a request); anyone may leave, except the last admin. */
  async remove(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
    membershipId: string,
    meta: RequestMetaValue,
  ): Promise<void> {
    const o = await this.organizationsRepo.findState(organizationId, true);
    if (!o) throw notFound('Structure');
    const own = actor ? await this.memberships.findOfUser(organizationId, actor.userId) : undefined;
    const self = own?.id === membershipId && own.status !== 'refused';
    let m: MemberRow;
    if (self) {
      m = own;
    } else {
      ({ m } = await this.managed(actor, tenant, organizationId, membershipId));
    }
    if (
      m.status === 'active' &&
      isStructureAdmin(m.role) &&
      (await this.memberships.activeAdminCount(organizationId)) <= 1
    )
      throw lastAdmin();
    await this.memberships.delete(m.id);
    const what = self ? `${m.email} quitte « ${o.name} »` : `${m.email} retiré(e) de « ${o.name} »`;
    await this.record(actor!, tenant, self ? 'membership.left' : 'membership.removed', m.id, what, meta);
  }

  async invite(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
    email: string,
    role: StructureRole,
    meta: RequestMetaValue,
  ): Promise<PendingInvitationDto> {
    const o = await this.organizations.visible(actor, tenant, organizationId, true);
    this.policy.authorize(actor, 'organization.members.manage', o.resource, 'Structure');
    const a = actor!;
    if (o.status === 'rejected') throw conflict('not_validated', 'Cette structure a été refusée');
    const already = (await this.memberships.listMembers(organizationId)).find(
      (m) => m.email === email && m.status === 'active',
    );
    if (already) throw conflict('already_member', `${email} est déjà membre de la structure`);
    const token = newToken();
    const inv = await this.memberships.replaceInvitation(
      organizationId,
      email,
      role,
      hashToken(token),
      a.userId,
      AUTH_LIMITS.invitationDays,
    );
    await this.outbox.enqueue(this.db.manager(), {
      to: email,
      ...invitationEmail(this.site(tenant), o, role, a.name || a.email, token),
    });
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor: a,
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: inv.id,
      summary: `${email} invité(e) dans « ${o.name} » (${role})`,
      ip: meta.ip,
    });
    return { id: inv.id, email, role, expiresAt: new Date(inv.expires_at).toISOString() };
  }

  async cancelInvitation(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
    invitationId: string,
    meta: RequestMetaValue,
  ): Promise<void> {
    const o = await this.organizations.visible(actor, tenant, organizationId, true);
    this.policy.authorize(actor, 'organization.members.manage', o.resource, 'Structure');
    if (!(await this.memberships.deleteInvitation(organizationId, invitationId))) throw notFound('Invitation');
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor: actor!,
      action: 'invitation.cancelled',
      targetType: 'invitation',
      targetId: invitationId,
      summary: `Invitation annulée dans « ${o.name} »`,
      ip: meta.ip,
    });
  }

  /** The invited person, signed in with the invited address, becomes an active member with the invited role. */
  async acceptInvitation(
    actor: Actor | null,
    tenant: Tenant,
    token: string,
    meta: RequestMetaValue,
  ): Promise<OrganizationMemberDto> {
    this.policy.authorize(actor, 'organization.join', { tenantId: tenant.id }, 'Invitation');
    const inv = /^[A-Za-z0-9_-]{20,200}$/.test(token)
      ? await this.memberships.findInvitationByToken(hashToken(token))
      : undefined;
    if (!inv || inv.accepted_at || inv.expired) throw invalidToken();
    if (inv.email !== actor.email.toLowerCase()) {
      throw forbidden(
        `Cette invitation a été envoyée à une autre adresse électronique. Connectez-vous avec le compte de ${maskEmail(inv.email)} pour l’accepter.`,
      );
    }
    const o = await this.organizationsRepo.findState(inv.organization_id, true);
    if (!o || o.status === 'rejected') throw invalidToken();
    const existing = await this.memberships.findOfUser(o.id, actor.userId);
    let id: string;
    if (existing) {
      // An invitation never lowers an admin to member.
      const role = existing.status === 'active' && existing.role === 'structure_admin' ? 'structure_admin' : inv.role;
      await this.memberships.activate(existing.id, role, actor.userId);
      id = existing.id;
    } else {
      id = await this.memberships.insert(actor.userId, o.id, inv.role, 'active');
    }
    await this.memberships.markInvitationAccepted(inv.id, actor.userId);
    await this.record(
      actor,
      tenant,
      'membership.invitation_accepted',
      id,
      `${actor.email} rejoint « ${o.name} » sur invitation (${inv.role})`,
      meta,
    );
    return toMember((await this.memberships.find(o.id, id))!);
  }
}

/** Shows whose account is expected without giving the whole address away: "c***@exemple.fr". */
const maskEmail = (email: string) => email.replace(/^(.)[^@]*/, '$1***');
