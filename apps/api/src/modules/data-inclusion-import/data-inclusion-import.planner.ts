// Decides each checked record's fate (created, updated, unchanged, refused) against what the tenant
// holds under its source key, and writes the accepted ones: structures first (services point to
// them), then services. Unchanged means the mapped content equals what is stored.
import { isDeepStrictEqual } from 'node:util';
import type { ImportLineError, ImportLineReport, ImportLineStatus } from '@catalogue/contracts';
import type { OfferInput } from '../../database/catalogue-writer.js';
import type { DiRecord } from './data-inclusion-file.js';
import {
  mapService,
  mapStructure,
  sourceKey,
  type MappingContext,
  type ServiceContent,
} from './data-inclusion-mapping.js';
import type {
  DataInclusionImportRepository,
  StoredOffer,
  StoredOrganization,
} from './data-inclusion-import.repository.js';
import type { ImportOptions } from './data-inclusion-import.service.js';

type Checked = DiRecord & { errors: ImportLineError[] };
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const label = (r: Checked) => (str(r.data.nom) || str(r.data.id) || null)?.slice(0, 160) ?? null;
const keyOf = (r: Checked) => sourceKey(str(r.data.source), str(r.data.id));

function organizationChanged(s: StoredOrganization, o: ReturnType<typeof mapStructure>['input']): boolean {
  return !isDeepStrictEqual(
    [s.name, s.siret, s.description, s.address, s.commune_insee, s.lat, s.lng, s.website, s.email, s.phone],
    [o.name, o.siret, o.description, o.address, o.communeInsee, o.lat, o.lng, o.website, o.email, o.phone],
  );
}

const uniq = (a: string[]) => [...new Set(a)];

function offerChanged(s: StoredOffer, c: ServiceContent): boolean {
  const stored = [
    s.title,
    s.summary,
    s.description,
    s.themes,
    s.audiences,
    s.service_types,
    s.eligibility,
    s.cost,
    s.cost_details,
    s.modes,
    s.access,
    s.mobilisation,
    s.zone_type,
    s.zone_codes,
    s.contact_name,
    s.contact_email,
    s.contact_phone,
    s.places.map((p) => [p.label, p.address, p.communeInsee, p.lat, p.lng]),
  ];
  const mapped = [
    c.title,
    c.summary,
    c.description,
    uniq(c.themes),
    uniq(c.audiences),
    uniq(c.serviceTypes),
    c.eligibility,
    c.cost,
    c.costDetails ?? null,
    uniq(c.modes),
    c.access,
    uniq(c.mobilisation),
    c.zoneType,
    uniq(c.zoneCodes),
    c.contactName ?? null,
    c.contactEmail ?? null,
    c.contactPhone ?? null,
    c.places.map((p) => [p.label ?? null, p.address, p.communeInsee, p.lat, p.lng]),
  ];
  return !isDeepStrictEqual(stored, mapped);
}

export class DataInclusionImportPlanner {
  /** Structures of this import, by source key: written ones with their id, refused ones with null. */
  private readonly fileStructures = new Map<string, { id: string; name: string } | null>();

  private constructor(
    private readonly repository: DataInclusionImportRepository,
    private readonly ctx: MappingContext,
    private readonly options: ImportOptions,
  ) {}

  /** Reads the reference data every record's checks need, once. */
  static async prepare(repository: DataInclusionImportRepository, records: Checked[], options: ImportOptions) {
    const codes = records.flatMap((r) => [
      str(r.data.code_insee),
      ...(Array.isArray(r.data.zone_eligibilite) ? r.data.zone_eligibilite.map(str) : []),
    ]);
    const ctx: MappingContext = {
      departement: repository.departement,
      communes: await repository.communes(codes.filter((c) => c.length === 5)),
      epcis: await repository.epcis(),
    };
    return new DataInclusionImportPlanner(repository, ctx, options);
  }

  private line(
    r: Checked,
    status: ImportLineStatus,
    errors: ImportLineError[],
    id: string | null = null,
  ): ImportLineReport {
    return { line: r.line, kind: r.kind, label: label(r), status, errors, ...(status === 'refused' ? {} : { id }) };
  }

  async structures(records: Checked[]): Promise<ImportLineReport[]> {
    const stored = await this.repository.organizationsByKey(records.map(keyOf));
    const mapped = records.map((r) => ({ r, ...mapStructure(r.data, this.ctx) }));
    const sirets = mapped.flatMap((m) => (m.input.siret ? [m.input.siret] : []));
    await this.repository.lockSirets(sirets);
    const holders = await this.repository.siretHolders(sirets);
    const out: ImportLineReport[] = [];
    for (const { r, input, errors } of mapped) {
      const key = keyOf(r);
      const all = [...r.errors, ...(r.errors.length ? [] : errors)];
      if (this.fileStructures.has(key))
        all.push({
          column: 'id',
          message: `id : la structure « ${str(r.data.id)} » figure déjà plus haut dans le fichier`,
        });
      const existing = stored.get(key);
      const holder = input.siret && holders.find((h) => h.siret === input.siret && h.id !== existing?.id);
      if (holder)
        all.push({
          column: 'siret',
          message: `siret : la structure « ${holder.name} » du département a déjà ce SIRET`,
        });
      if (all.length) {
        if (!this.fileStructures.has(key)) this.fileStructures.set(key, null);
        out.push(this.line(r, 'refused', all));
        continue;
      }
      const status = !existing ? 'created' : organizationChanged(existing, input) ? 'updated' : 'unchanged';
      const id =
        status === 'unchanged'
          ? existing!.id
          : await this.repository.upsertOrganization({
              ...input,
              kind: existing?.kind ?? 'other',
              status: this.options.structureStatus,
            });
      if (input.siret) holders.push({ id, siret: input.siret, name: input.name });
      this.fileStructures.set(key, { id, name: input.name });
      out.push(this.line(r, status, [], id));
    }
    return out;
  }

  async services(records: Checked[]): Promise<ImportLineReport[]> {
    const stored = await this.repository.offersByKey(records.map(keyOf));
    const structureKey = (r: Checked) => sourceKey(str(r.data.source), str(r.data.structure_id));
    const known = await this.repository.organizationsByKey(
      records.map(structureKey).filter((k) => !this.fileStructures.has(k)),
    );
    const out: ImportLineReport[] = [];
    const creations: { r: Checked; offer: OfferInput }[] = [];
    const seen = new Set<string>();
    for (const r of records) {
      const key = keyOf(r);
      const { content, errors } = mapService(r.data, this.ctx);
      const all = [...r.errors, ...(r.errors.length ? [] : errors)];
      if (seen.has(key))
        all.push({
          column: 'id',
          message: `id : le service « ${str(r.data.id)} » figure déjà plus haut dans le fichier`,
        });
      seen.add(key);
      const sKey = structureKey(r);
      const inFile = this.fileStructures.get(sKey);
      const structure = inFile ?? (known.get(sKey) ? { id: known.get(sKey)!.id, name: known.get(sKey)!.name } : null);
      if (!r.errors.some((e) => e.column === 'structure_id') && !structure)
        all.push({
          column: 'structure_id',
          message:
            inFile === null
              ? `structure_id : la structure « ${str(r.data.structure_id)} » est refusée dans ce fichier`
              : `structure_id : structure « ${str(r.data.structure_id)} » inconnue, ni dans ce fichier ni déjà importée`,
        });
      if (all.length || !structure) {
        out.push(this.line(r, 'refused', all));
        continue;
      }
      const existing = stored.get(key);
      if (!existing) {
        creations.push({
          r,
          offer: {
            ...content,
            organizationId: structure.id,
            organizationName: structure.name,
            status: this.options.offerStatus,
            sessions: [],
          },
        });
        continue;
      }
      if (!offerChanged(existing, content)) {
        out.push(this.line(r, 'unchanged', [], existing.id));
        continue;
      }
      // What the import does not carry stays as the département set it (funding, fiche, registration settings).
      await this.repository.updateOffer(existing.id, {
        ...content,
        organizationId: existing.organization_id,
        organizationName: structure.name,
        funding: existing.funding,
        ficheId: existing.plan_fiche_id,
        planMeasure: existing.plan_measure,
        seatAllocation: existing.seat_allocation,
        cancellationCutoffHours: existing.cancellation_cutoff_hours,
      });
      out.push(this.line(r, 'updated', [], existing.id));
    }
    const ids = await this.repository.insertOffers(creations.map((c) => c.offer));
    creations.forEach((c, i) => out.push(this.line(c.r, 'created', [], ids[i]!)));
    return out;
  }
}
