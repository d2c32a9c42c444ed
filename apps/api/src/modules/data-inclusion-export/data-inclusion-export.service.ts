import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DATA_INCLUSION_SCHEMA_DOCUMENTATION,
  DATA_INCLUSION_SCHEMA_VERSION,
  OPEN_DATA_LICENCE,
  type DataInclusionExportAddresses,
  type DataInclusionExportInfo,
} from '@catalogue/contracts';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { diCsvHeader, diCsvLine } from './data-inclusion-csv.js';
import {
  DataInclusionExportRepository,
  type ExportKind,
  type ExportState,
} from './data-inclusion-export.repository.js';
import {
  sourceOf,
  toService,
  toStructure,
  type DataInclusionService,
  type DataInclusionStructure,
  type ExportContext,
} from './data-inclusion-mapping.js';
import { SERVICE_FIELDS, STRUCTURE_FIELDS } from '../../common/data-inclusion/data-inclusion-schemas.js';

export type ExportFormat = 'json' | 'csv';

/** Records read (and written) per batch: never a whole département in memory. */
export const EXPORT_BATCH = 500;

export interface PreparedExport {
  etag: string;
  lastModified: Date | null;
  filename: string;
  contentType: string;
  /** The body, batch by batch; read it inside the request's tenant transaction. */
  chunks: () => AsyncGenerator<string>;
}

/** When the export last changed: its latest record, or the catalogue's last change (a withdrawal). */
function lastModifiedOf(state: ExportState): Date | null {
  const times = [state.latest, state.versionAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/** Whether the client's copy is current (RFC 9110: If-None-Match first, If-Modified-Since to the second). */
export function isNotModified(
  prepared: Pick<PreparedExport, 'etag' | 'lastModified'>,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(prepared.etag);
  }
  if (ifModifiedSince === undefined || !prepared.lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(prepared.lastModified.getTime() / 1000) * 1000 <= since;
}

/** The open data export (public: anyone may read what the catalogue publishes, no policy decision to ask). */
@Injectable()
export class DataInclusionExportService {
  constructor(
    private readonly repo: DataInclusionExportRepository,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  private get publicUrl(): string {
    return this.settings.publicUrl.replace(/\/+$/, '');
  }

  private addresses(tenant: Tenant, kind: ExportKind): DataInclusionExportAddresses {
    const base = `${this.publicUrl}/api/v1/tenants/${tenant.slug}/data-inclusion/${kind}`;
    return { api: base, json: `${base}.json`, csv: `${base}.csv` };
  }

  async info(tenant: Tenant): Promise<DataInclusionExportInfo> {
    const structures = await this.repo.state('structures');
    const services = await this.repo.state('services');
    const last = [lastModifiedOf(structures), lastModifiedOf(services)]
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    return {
      source: sourceOf(tenant.slug),
      licence: { ...OPEN_DATA_LICENCE },
      schema: { version: DATA_INCLUSION_SCHEMA_VERSION, documentation: DATA_INCLUSION_SCHEMA_DOCUMENTATION },
      lastModified: last ? last.toISOString() : null,
      counts: { structures: structures.count, services: services.count },
      structures: this.addresses(tenant, 'structures'),
      services: this.addresses(tenant, 'services'),
    };
  }

  async prepare(tenant: Tenant, kind: ExportKind, format: ExportFormat): Promise<PreparedExport> {
    const state = await this.repo.state(kind);
    const digest = createHash('sha256')
      .update(
        JSON.stringify([
          kind,
          format,
          DATA_INCLUSION_SCHEMA_VERSION,
          this.publicUrl,
          tenant.slug,
          tenant.code,
          state.count,
          state.latest?.toISOString() ?? null,
          state.version,
          state.territories,
        ]),
      )
      .digest('base64url');
    return {
      etag: `"${digest}"`,
      lastModified: lastModifiedOf(state),
      filename: `data-inclusion-${kind}-${tenant.slug}.${format}`,
      contentType: format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
      chunks: () => this.chunks(tenant, kind, format),
    };
  }

  private async *chunks(tenant: Tenant, kind: ExportKind, format: ExportFormat): AsyncGenerator<string> {
    const ctx: ExportContext = {
      slug: tenant.slug,
      departementCode: tenant.code,
      publicUrl: this.publicUrl,
      territories: kind === 'services' ? await this.repo.territories() : new Map(),
    };
    const fields = kind === 'services' ? SERVICE_FIELDS : STRUCTURE_FIELDS;
    yield format === 'json' ? '[' : diCsvHeader(fields);
    let after: string | null = null;
    let first = true;
    for (;;) {
      const records: (DataInclusionService | DataInclusionStructure)[] =
        kind === 'services'
          ? (await this.repo.services(after, EXPORT_BATCH)).map((r) => toService(r, ctx))
          : (await this.repo.structures(after, EXPORT_BATCH)).map((r) => toStructure(r, ctx));
      if (records.length === 0) break;
      after = records[records.length - 1]!.id;
      if (format === 'json') {
        yield records.map((r, i) => `${first && i === 0 ? '' : ','}\n${JSON.stringify(r)}`).join('');
      } else {
        yield records.map((r) => diCsvLine(fields, r)).join('');
      }
      first = false;
      if (records.length < EXPORT_BATCH) break;
    }
    if (format === 'json') yield first ? ']\n' : '\n]\n';
  }
}
