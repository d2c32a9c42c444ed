// An admin's import of a data·inclusion file into their tenant. One transaction (the request's):
// refused lines are skipped, the others written; a dry run takes the very same path inside a
// savepoint rolled back at the end, so its report cannot differ from the real run's. Imports of a
// tenant run one at a time (advisory lock): a second run of the same file finds every record
// already there and reports it unchanged.
import { Injectable } from '@nestjs/common';
import {
  IMPORT_LIMITS,
  IMPORT_LINE_STATUS_LABELS,
  type ImportLineReport,
  type ImportLineStatus,
  type ImportReport,
} from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidParameter } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { IMPORT_KINDS, readDataInclusionFile, type DiRecord, type ImportKind } from './data-inclusion-file.js';
import { schemaErrors } from './data-inclusion-schemas.js';
import { DataInclusionImportRepository } from './data-inclusion-import.repository.js';
import { DataInclusionImportPlanner } from './data-inclusion-import.planner.js';

export interface ImportOptions {
  dryRun: boolean;
  offerStatus: 'draft' | 'published';
  structureStatus: 'validated' | 'pending';
  kind: ImportKind;
}

function choice<T extends string>(
  fields: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = fields[name];
  if (v === undefined || v === '') return fallback;
  if (typeof v !== 'string' || !allowed.includes(v as T))
    throw invalidParameter(name, `must be one of ${allowed.join(', ')}`);
  return v as T;
}

/** The form's text fields, each refused (400 naming it) unless one of its values. */
export function importOptions(fields: Record<string, unknown> | undefined): ImportOptions {
  const f = fields ?? {};
  return {
    dryRun: choice(f, 'dryRun', ['true', 'false'], 'false') === 'true',
    offerStatus: choice(f, 'offerStatus', ['draft', 'published'], 'draft'),
    structureStatus: choice(f, 'structureStatus', ['validated', 'pending'], 'validated'),
    kind: choice(f, 'kind', IMPORT_KINDS, 'auto'),
  };
}

const DRY_RUN = 'data_inclusion_dry_run';

@Injectable()
export class DataInclusionImportService {
  constructor(
    private readonly policy: Policy,
    private readonly repository: DataInclusionImportRepository,
    private readonly transaction: TenantTransaction,
    private readonly audit: AuditLog,
  ) {}

  async import(
    actor: Actor | null,
    tenant: Tenant,
    file: { buffer: Buffer; originalname: string } | undefined,
    fields: Record<string, unknown> | undefined,
    meta: RequestMetaValue,
  ): Promise<ImportReport> {
    this.policy.authorize(actor, 'data_inclusion.import', { tenantId: tenant.id });
    const options = importOptions(fields);
    const records = readDataInclusionFile(file?.buffer, options.kind);
    await this.repository.lockImports();
    if (options.dryRun) await this.repository.savepoint(DRY_RUN, 'SAVEPOINT');
    let lines: ImportLineReport[];
    try {
      lines = await this.run(records, options);
    } finally {
      if (options.dryRun) await this.repository.savepoint(DRY_RUN, 'ROLLBACK TO SAVEPOINT');
    }
    // A dry run shows the ids of what exists already, never of what it would create.
    if (options.dryRun) for (const l of lines) if (l.status === 'created') l.id = null;
    const counts: Record<ImportLineStatus, number> = { created: 0, updated: 0, unchanged: 0, refused: 0 };
    for (const l of lines) counts[l.status]++;
    if (!options.dryRun)
      await this.audit.record(this.transaction.manager(), {
        tenantId: tenant.id,
        actor,
        action: 'data_inclusion.import',
        targetType: 'tenant',
        targetId: tenant.id,
        summary: `Import data·inclusion « ${(file?.originalname ?? 'fichier').slice(0, 200)} » : ${(
          Object.keys(counts) as ImportLineStatus[]
        )
          .map((s) => `${IMPORT_LINE_STATUS_LABELS[s].toLowerCase().replace(/^(\S+)/, '$1s')} ${counts[s]}`)
          .join(', ')} (offres ${options.offerStatus === 'published' ? 'publiées' : 'en brouillon'}, structures ${
          options.structureStatus === 'validated' ? 'validées' : 'à valider'
        })`,
        ip: meta.ip,
      });
    return { dryRun: options.dryRun, counts, lines };
  }

  private async run(records: DiRecord[], options: ImportOptions): Promise<ImportLineReport[]> {
    const checked = records.map((r) => ({ ...r, errors: schemaErrors(r.kind, r.data) }));
    const planner = await DataInclusionImportPlanner.prepare(this.repository, checked, options);
    const structures = await planner.structures(checked.filter((r) => r.kind === 'structure'));
    const services = await planner.services(checked.filter((r) => r.kind === 'service'));
    return [...structures, ...services]
      .sort((a, b) => a.line - b.line)
      .map((l) =>
        l.errors.length > IMPORT_LIMITS.errorsPerLine
          ? {
              ...l,
              errors: [
                ...l.errors.slice(0, IMPORT_LIMITS.errorsPerLine - 1),
                { column: '', message: `… et ${l.errors.length - IMPORT_LIMITS.errorsPerLine + 1} autres erreurs` },
              ],
            }
          : l,
      );
  }
}
