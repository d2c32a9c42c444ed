// A structure's member imports offers from a spreadsheet: the file is read (CSV or XLSX), each
// line checked by the shared spreadsheet rules, the good lines written by the offers module as
// drafts submitted for moderation, in the request's one transaction. A dry run takes the same
// path and rolls it back. The same file twice for one structure is refused (409).
import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  checkSpreadsheetHeader,
  ofDepartement,
  spreadsheetLine,
  type ImportLineReport,
  type ImportReport,
  type SpreadsheetReference,
} from '@catalogue/contracts';
import {
  AUDIENCE_CODES,
  MOBILISATION_MODE_CODES,
  RECEPTION_MODE_CODES,
  SERVICE_TYPE_CODES,
  THEME_CODES,
} from '@catalogue/domain';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { OfferBatch, type BatchOffer } from '../offers/offer-batch.js';
import { OfferImportRepository } from './offer-import.repository.js';
import { readSpreadsheet } from './spreadsheet-reader.js';
import { templateCsv, templateXlsx, type TemplateCommunes } from './spreadsheet-template.js';

export interface UploadedSheet {
  buffer: Buffer;
  originalname?: string;
}

const parisDateTime = (d: Date) => {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(d);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('day')} ${p('month')} ${p('year')} à ${p('hour')}\u202fh\u202f${p('minute')}`;
};

@Injectable()
export class OfferImportService {
  constructor(
    private readonly repo: OfferImportRepository,
    private readonly batch: OfferBatch,
    private readonly policy: Policy,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
  ) {}

  async template(actor: Actor | null, tenant: Tenant, organizationId: string, format: 'csv' | 'xlsx') {
    await this.authorize(actor, tenant, organizationId);
    const communes = (await this.repo.largestCommunes(tenant.code, 2)) as TemplateCommunes;
    return format === 'csv' ? templateCsv(communes) : templateXlsx(communes);
  }

  async import(
    actor: Actor | null,
    tenant: Tenant,
    organizationId: string,
    file: UploadedSheet | undefined,
    dryRun: boolean,
    meta: RequestMetaValue,
  ): Promise<ImportReport> {
    const org = await this.authorize(actor, tenant, organizationId);
    if (!file)
      throw new BadRequestException({
        code: 'invalid_parameter',
        message: 'Joignez le fichier (CSV ou XLSX) dans le champ « file »',
        parameter: 'file',
      });
    const sheet = await readSpreadsheet(file.buffer);
    const [header, ...data] = sheet.rows;
    const { positions, problems } = checkSpreadsheetHeader(header!);
    if (problems.length)
      throw new BadRequestException({ code: 'invalid_header', message: problems.join(' ; '), parameter: 'file' });

    const sha = createHash('sha256').update(file.buffer).digest('hex');
    const keyPrefix = `tableur:${org.id}:${sha.slice(0, 32)}:`;
    await this.repo.lockStructure(org.id);
    const before = await this.repo.importedAt(org.id, keyPrefix);
    if (before)
      throw new ConflictException({
        code: 'already_imported',
        message: `Ce fichier a déjà été importé pour cette structure le ${parisDateTime(new Date(before))} : modifiez-le avant de l’importer de nouveau`,
      });

    const ref = await this.reference(tenant);
    const lines: ImportLineReport[] = [];
    const good: (BatchOffer & { report: ImportLineReport })[] = [];
    data.forEach((row, i) => {
      const line = i + 2;
      if (row.every((c) => c.trim() === '')) return; // an empty line in the middle: nothing to import
      const cells = Object.fromEntries([...positions].map(([name, at]) => [name, row[at] ?? '']));
      const result = spreadsheetLine(cells, ref);
      const report: ImportLineReport = {
        line,
        status: result.offer ? 'created' : 'refused',
        errors: result.errors,
        label: (cells.titre ?? '').trim().slice(0, 200) || null,
        id: null,
      };
      lines.push(report);
      if (result.offer) {
        const { updateFrequencyMonths, ...offer } = result.offer;
        good.push({ offer, updateFrequencyMonths, sourceKey: `${keyPrefix}${line}`, report });
      }
    });

    if (dryRun) await this.repo.savepoint();
    const { ids } = await this.writeOnce(() =>
      this.batch.createSubmitted(org.id, good, actor!, {
        origin: `Import depuis un tableur${file.originalname ? ` (${file.originalname.slice(0, 100)})` : ''}`,
        notify: !dryRun,
      }),
    );
    if (dryRun) await this.repo.rollbackToSavepoint();
    else good.forEach((g, k) => (g.report.id = ids[k] ?? null));

    const refused = lines.length - good.length;
    const report: ImportReport = {
      dryRun,
      counts: { created: good.length, updated: 0, unchanged: 0, refused },
      lines,
    };
    if (!dryRun)
      await this.audit.record(this.db.manager(), {
        tenantId: tenant.id,
        actor: actor!,
        action: 'offer.imported',
        targetType: 'organization',
        targetId: org.id,
        ip: meta.ip,
        summary: `Import de tableur pour ${org.name} : ${good.length} offre(s) créée(s) et soumise(s), ${refused} ligne(s) refusée(s) (${sheet.format.toUpperCase()}, sha256 ${sha.slice(0, 16)}…)`,
      });
    return report;
  }

  /** A member of the validated structure; others get 404 (hidden) or 403 (agents, pending structure). */
  private async authorize(actor: Actor | null, tenant: Tenant, organizationId: string) {
    const org = await this.repo.organization(organizationId);
    this.policy.authorize(
      actor,
      'offer.import',
      { tenantId: tenant.id, organizationId, organizationStatus: org?.status },
      'Structure',
    );
    if (!org) throw notFound('Structure');
    return org;
  }

  private async reference(tenant: Tenant): Promise<SpreadsheetReference> {
    const geo = await this.repo.geography(tenant.code);
    return {
      departement: tenant.code,
      ofDepartement: ofDepartement(tenant.code, tenant.name),
      themes: THEME_CODES,
      audiences: AUDIENCE_CODES,
      serviceTypes: SERVICE_TYPE_CODES,
      receptionModes: RECEPTION_MODE_CODES,
      mobilisationModes: MOBILISATION_MODE_CODES,
      ...geo,
    };
  }

  /** The unique source keys are the last guard: a twin upload that got past the lock is a 409 too. */
  private async writeOnce<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if ((e as { code?: string }).code === '23505')
        throw new ConflictException({ code: 'already_imported', message: 'Ce fichier est déjà en cours d’import' });
      throw e;
    }
  }
}
