import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TenantDetail } from '@catalogue/contracts';
import { slugify } from '@catalogue/domain';
import type { Actor } from '../../common/auth/actor.js';
import { invalidParameter } from '../../common/errors/app-errors.js';
import { staffRolesOf } from '../../common/policy/policy.js';
import { Policy } from '../../common/policy/policy.service.js';
import { departementOf } from '../../database/tenant-writer.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { TenantsService } from '../tenants/tenants.service.js';
import type { CreateTenantDto } from './platform.dto.js';
import { StaffGrants } from './staff-grants.service.js';
import { TenantCreationRepository } from './tenant-creation.repository.js';

export const tenantTaken = (what: 'code' | 'slug') =>
  new ConflictException({
    code: 'conflict',
    message:
      what === 'code'
        ? 'Ce département a déjà son espace sur la plateforme'
        : 'Ce slug est déjà pris par un autre département',
    parameter: what,
  });

/** The platform admin opens a département: its frame from the reference data, its first admins. */
@Injectable()
export class TenantCreationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: Policy,
    private readonly repository: TenantCreationRepository,
    private readonly grants: StaffGrants,
    private readonly audit: AuditLog,
    private readonly tenants: TenantDirectory,
    private readonly tenantDetails: TenantsService,
  ) {}

  async create(actor: Actor | null, body: CreateTenantDto, ip: string | null): Promise<TenantDetail> {
    this.policy.authorize(actor, 'tenant.create', { tenantId: '' }, 'Département');
    const dep = departementOf(body.code);
    if (!dep) throw invalidParameter('code', 'is not a département of the reference data');
    const name = body.name ?? dep.name;
    const slug = body.slug ?? slugify(dep.name);
    const admins = [...new Set(body.admins)];

    await this.dataSource.transaction(async (db) => {
      if ((await this.repository.communeCount(db, dep.code)) === 0)
        throw invalidParameter('code', 'has no communes in the reference data');
      const taken = await this.repository.taken(db, dep.code, slug);
      if (taken.code || taken.slug) throw tenantTaken(taken.code ? 'code' : 'slug');
      let id: string;
      try {
        id = await this.repository.insert(db, dep.code, slug, name);
      } catch (e) {
        // Lost a race with another creation of the same code or slug.
        if ((e as { code?: string }).code === '23505')
          throw tenantTaken(/slug/.test(String((e as { constraint?: string }).constraint)) ? 'slug' : 'code');
        throw e;
      }
      await this.repository.enter(db, id, actor.userId);
      await this.audit.record(db, {
        tenantId: id,
        actor,
        action: 'tenant.created',
        targetType: 'tenant',
        targetId: id,
        summary: `Espace du département ${name} (${dep.code}) ouvert, slug ${slug}, ${admins.length} administrateur(s)`,
        ip,
      });
      const tenant = { id, code: dep.code, name };
      for (const email of admins) await this.grants.grant(db, actor, tenant, email, staffRolesOf('admin'), ip);
    });
    // Served at once by GET /tenants and the tenant routes of this instance.
    this.tenants.invalidate();
    return this.tenantDetails.detail(slug);
  }
}
