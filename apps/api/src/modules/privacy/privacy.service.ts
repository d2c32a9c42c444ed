import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PersonalDataExport } from '@catalogue/contracts';
import { AuditLog } from '../../common/audit/audit-log.js';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import { setTransactionTenant } from '../../common/tenancy/transaction-tenant.js';
import { PersonalAccounts } from '../auth/personal-accounts.service.js';
import { RegistrationsPrivacy } from '../registrations/registrations-privacy.service.js';

export const professionalAccount = () =>
  new ConflictException({
    code: 'professional_account',
    message:
      'Ce compte a un rôle professionnel (structure, agent ou administrateur) : demandez d’abord le retrait de ce rôle, puis supprimez le compte.',
  });

/**
 * The person's rights over their own data (RGPD articles 15, 17 and 20): a copy of everything
 * stored about them, and the deletion of their account with their registrations kept anonymised
 * for the départements' statistics. The account is the auth module's; the registrations are the
 * registrations module's: each is asked through its exported service.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: PersonalAccounts,
    private readonly registrations: RegistrationsPrivacy,
    private readonly audit: AuditLog,
    private readonly policy: Policy,
  ) {}

  async export(actor: Actor, meta: RequestMetaValue): Promise<PersonalDataExport> {
    const account = await this.accounts.describe(actor.userId);
    if (!account) throw notFound('Compte');
    const registrations = await this.registrations.exportOf(actor.userId);
    await this.audit.record(this.dataSource, {
      tenantId: null,
      actor,
      action: 'privacy.export',
      targetType: 'user',
      targetId: actor.userId,
      summary: `Copie de ses données personnelles téléchargée (${registrations.length} inscription(s))`,
      ip: meta.ip,
    });
    return {
      exportedAt: new Date().toISOString(),
      account: {
        email: account.email,
        name: account.name,
        createdAt: account.createdAt.toISOString(),
        emailVerifiedAt: account.emailVerifiedAt?.toISOString() ?? null,
        memberships: actor.memberships.map((m) => ({
          tenant: m.tenantSlug,
          tenantName: m.tenantName,
          role: m.role,
          status: m.status,
        })),
      },
      registrations,
    };
  }

  /**
   * Deletes the account (its sessions end with it) after anonymising the person's registrations in
   * every département, in one transaction; an audit line in each département concerned. Refused
   * while the account holds a professional role: structures and départements count on it.
   */
  async deleteAccount(actor: Actor, meta: RequestMetaValue): Promise<void> {
    if (!this.policy.can(actor, 'account.delete', { tenantId: '' })) throw professionalAccount();
    await this.dataSource.transaction(async (m) => {
      const anonymised = await this.registrations.anonymiseAccount(m, actor.userId);
      const kept = new Map(anonymised.map((a) => [a.tenantId, a.registrations]));
      const tenants = new Set([...kept.keys(), ...actor.memberships.map((ms) => ms.tenantId)]);
      const line = (tenantId: string | null, registrations: number) => ({
        tenantId,
        actor,
        action: 'account.deleted',
        targetType: 'user',
        targetId: actor.userId,
        summary: `Compte supprimé par son titulaire ; ${registrations} inscription(s) gardée(s) anonymisée(s) pour les statistiques`,
        ip: meta.ip,
      });
      for (const tenantId of tenants) {
        await setTransactionTenant(m, tenantId, actor.userId);
        await this.audit.record(m, line(tenantId, kept.get(tenantId) ?? 0));
      }
      await setTransactionTenant(m, null, null);
      if (tenants.size === 0) await this.audit.record(m, line(null, 0));
      if (!(await this.accounts.delete(m, actor.userId))) throw notFound('Compte');
    });
  }
}
