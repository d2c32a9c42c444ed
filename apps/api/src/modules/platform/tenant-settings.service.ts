import { Injectable } from '@nestjs/common';
import { tenantSettingsErrors, type TenantSettings } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidFields } from '../../common/errors/app-errors.js';
import type { TenantSettingsPatchDto } from './platform.dto.js';
import { TenantSettingsRepository } from './tenant-settings.repository.js';

const MODERATION_LABEL = { before: 'avant publication', after: 'après publication' } as const;
const plural = (n: number, unit: string) => `${n} ${unit}${n > 1 && !unit.endsWith('s') ? 's' : ''}`;
/** The delays as the audit log names their changes. */
const DELAY_LABELS = {
  registrationReminderDays: ['Rappel des inscriptions en attente après', 'jour'],
  registrationExpiryDays: ['Expiration des inscriptions en attente après', 'jour'],
  personalDataRetentionMonths: ['Anonymisation des données personnelles après', 'mois'],
} as const;

@Injectable()
export class TenantSettingsService {
  constructor(
    private readonly policy: Policy,
    private readonly transaction: TenantTransaction,
    private readonly repository: TenantSettingsRepository,
    private readonly audit: AuditLog,
  ) {}

  async get(actor: Actor | null, tenant: Tenant): Promise<TenantSettings> {
    this.policy.authorize(actor, 'tenant.settings', { tenantId: tenant.id }, 'Paramètres');
    return this.repository.get(this.transaction.manager(), tenant.id);
  }

  async update(
    actor: Actor | null,
    tenant: Tenant,
    patch: TenantSettingsPatchDto,
    ip: string | null,
  ): Promise<TenantSettings> {
    this.policy.authorize(actor, 'tenant.settings', { tenantId: tenant.id }, 'Paramètres');
    const db = this.transaction.manager();
    const current = await this.repository.get(db, tenant.id, true);
    const next: TenantSettings = {
      moderation: patch.moderation ?? current.moderation,
      fourEyes: patch.fourEyes ?? current.fourEyes,
      registrationReminderDays: patch.registrationReminderDays ?? current.registrationReminderDays,
      registrationExpiryDays: patch.registrationExpiryDays ?? current.registrationExpiryDays,
      personalDataRetentionMonths: patch.personalDataRetentionMonths ?? current.personalDataRetentionMonths,
    };
    const broken = tenantSettingsErrors(next);
    if (broken.length) throw invalidFields(broken);
    const changes = [
      ...(next.moderation !== current.moderation
        ? [`Modération ${MODERATION_LABEL[next.moderation]} (au lieu de ${MODERATION_LABEL[current.moderation]})`]
        : []),
      ...(next.fourEyes !== current.fourEyes ? [`Double validation ${next.fourEyes ? 'activée' : 'désactivée'}`] : []),
      ...(Object.keys(DELAY_LABELS) as (keyof typeof DELAY_LABELS)[]).flatMap((key) => {
        const [label, unit] = DELAY_LABELS[key];
        return next[key] === current[key]
          ? []
          : [`${label} ${plural(next[key], unit)} (au lieu de ${plural(current[key], unit)})`];
      }),
    ];
    if (changes.length) {
      await this.repository.set(db, tenant.id, next);
      await this.audit.record(db, {
        tenantId: tenant.id,
        actor,
        action: 'tenant.settings.changed',
        targetType: 'tenant',
        targetId: tenant.id,
        summary: changes.join(' ; '),
        ip,
      });
    }
    return next;
  }
}
