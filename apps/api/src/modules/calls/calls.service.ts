// Calls for projects: an agent drafts, edits, publishes, withdraws, publishes the results; the
// clock closes them (call-jobs.ts). Each use case asks the policy first, locks the call, asks the
// pure lifecycle, then writes the call, its log line, the audit line and the emails in the
// request's one transaction.
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import {
  APPLICATION_STATUSES,
  CALL_STATUSES,
  callWriteErrors,
  fromCents,
  type Call,
  type CallStatus,
  type CallSummary,
  type CallWrite,
  type FundingFieldError,
} from '@catalogue/contracts';
import { AUDIENCE_CODES, ORGANIZATION_KIND_CODES } from '@catalogue/domain';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidFields, notFound } from '../../common/errors/app-errors.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { PlanReader } from '../plan/plan-reader.js';
import { callLinks, publishedEmail, withdrawnEmail } from './call-emails.js';
import { checkEdit, InvalidCallTransition, transition, type CallAction, type CallField } from './call-lifecycle.js';
import { CallsReader } from './calls-reader.js';
import type { CallFieldsDto, CallPatchDto } from './calls.dto.js';
import { CallsRepository, type CallRow } from './calls.repository.js';

const CALL = 'Appel à projets';
/** What anyone sees in the list; a withdrawn call keeps its own page only. */
const PUBLIC_LIST: CallStatus[] = ['published', 'closed', 'decided'];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const FIELDS: CallField[] = [
  'title',
  'context',
  'fiches',
  'eligibleKinds',
  'eligiblePublics',
  'territory',
  'envelope',
  'opensAt',
  'closesAt',
  'questions',
  'documents',
  'grid',
];

export const EMPTY_CALL: CallWrite = {
  title: '',
  context: '',
  fiches: [],
  eligibleKinds: [],
  eligiblePublics: [],
  territory: { kind: 'department', codes: [] },
  envelope: 0,
  opensAt: null,
  closesAt: null,
  questions: [],
  documents: [],
  grid: [],
};

/** JSON with sorted keys: the database (jsonb) reorders keys, a body may not. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
const instant = (v: string | null): number | null => (v === null ? null : Date.parse(v));

export function writeOf(r: CallRow): CallWrite {
  return {
    title: r.title,
    context: r.context,
    fiches: r.fiche_ids,
    eligibleKinds: r.eligible_kinds,
    eligiblePublics: r.eligible_publics,
    territory: r.territory,
    envelope: fromCents(r.envelope_cents) ?? 0,
    opensAt: r.opens_at?.toISOString() ?? null,
    closesAt: r.closes_at?.toISOString() ?? null,
    questions: r.questions,
    documents: r.documents,
    grid: r.grid,
  };
}

const conflict = (code: string, message: string, parameter?: string) =>
  new ConflictException({ code, message, ...(parameter ? { parameter } : {}) });

@Injectable()
export class CallsService {
  constructor(
    private readonly repo: CallsRepository,
    private readonly reader: CallsReader,
    private readonly plan: PlanReader,
    private readonly policy: Policy,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  private manages(actor: Actor | null, tenant: Tenant): boolean {
    return this.policy.can(actor, 'call.manage', { tenantId: tenant.id });
  }

  // ---- Reading -----------------------------------------------------------------------------

  async list(actor: Actor | null, tenant: Tenant, status?: CallStatus): Promise<{ items: CallSummary[] }> {
    const agent = this.manages(actor, tenant);
    const visible: readonly CallStatus[] = agent ? CALL_STATUSES : PUBLIC_LIST;
    const rows = await this.repo.list(status ? visible.filter((s) => s === status) : visible);
    const refs = new Map(
      (await this.plan.ficheRefs([...new Set(rows.flatMap((r) => r.fiche_ids))])).map((f) => [f.id, f]),
    );
    const counts = agent ? await this.repo.applicationCounts() : null;
    return {
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        status: r.status,
        envelope: fromCents(r.envelope_cents) ?? 0,
        opensAt: r.opens_at?.toISOString() ?? null,
        closesAt: r.closes_at?.toISOString() ?? null,
        fiches: r.fiche_ids.flatMap((id) => refs.get(id) ?? []),
        ...(counts ? { applicationCounts: counts.get(r.id) ?? {} } : {}),
      })),
    };
  }

  async get(actor: Actor | null, tenant: Tenant, id: string): Promise<Call> {
    const row = await this.repo.get(id);
    if (!row || (row.status === 'draft' && !this.manages(actor, tenant))) throw notFound(CALL);
    return this.view(actor, tenant, row);
  }

  /** The call as the API gives it; instructors for agents only. */
  async view(actor: Actor | null, tenant: Tenant, row: CallRow): Promise<Call> {
    const [ficheRefs, docs] = await Promise.all([this.plan.ficheRefs(row.fiche_ids), this.repo.documents(row.id)]);
    const instructors = this.manages(actor, tenant) ? await this.reader.instructorsOf(row.id) : undefined;
    return {
      ...writeOf(row),
      fiches: ficheRefs.map((f) => f.id),
      id: row.id,
      status: row.status,
      ficheRefs,
      publicDocuments: docs.map((d) => ({
        id: d.id,
        label: d.label,
        fileName: d.file_name,
        mediaType: d.media_type,
        sizeBytes: Number(d.size_bytes),
      })),
      withdrawnReason: row.withdrawn_reason,
      results: row.results,
      publishedAt: row.published_at?.toISOString() ?? null,
      closedAt: row.closed_at?.toISOString() ?? null,
      decidedAt: row.decided_at?.toISOString() ?? null,
      version: row.version,
      ...(instructors ? { instructors } : {}),
    };
  }

  // ---- Drafting ----------------------------------------------------------------------------

  async create(actor: Actor | null, tenant: Tenant, body: CallFieldsDto, meta: RequestMetaValue): Promise<Call> {
    this.policy.authorize(actor, 'call.manage', { tenantId: tenant.id }, CALL);
    const call = this.merge(EMPTY_CALL, body);
    const errors = [...callWriteErrors(call, { forPublication: false }), ...(await this.referenceErrors(tenant, call))];
    if (errors.length) throw invalidFields(errors);
    const id = await this.repo.insert(call, actor.userId);
    await this.repo.event(id, null, 'draft', actor.userId, null);
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'call.create',
      targetType: 'funding_call',
      targetId: id,
      summary: `Appel à projets « ${call.title} » créé (brouillon)`,
      ip: meta.ip,
    });
    return this.view(actor, tenant, (await this.repo.get(id))!);
  }

  async update(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    body: CallPatchDto,
    meta: RequestMetaValue,
  ): Promise<Call> {
    this.policy.authorize(actor, 'call.manage', { tenantId: tenant.id }, CALL);
    const row = await this.repo.get(id, true);
    if (!row) throw notFound(CALL);
    if (row.version !== body.version)
      throw conflict('stale', 'Cet appel a été modifié entre-temps : rechargez la page pour voir ses changements.');
    const current = writeOf(row);
    const { version: _version, ...fields } = body;
    const next = this.merge(current, fields);
    const changed = FIELDS.filter((f) =>
      f === 'opensAt' || f === 'closesAt'
        ? instant(current[f]) !== instant(next[f])
        : f === 'fiches'
          ? canonical([...current.fiches].sort()) !== canonical([...next.fiches].sort())
          : canonical(current[f]) !== canonical(next[f]),
    );
    const postponed =
      next.closesAt !== null && current.closesAt !== null && instant(next.closesAt)! > instant(current.closesAt)!;
    const verdict = checkEdit(row.status, changed, postponed);
    if (!verdict.ok) throw conflict(verdict.code, verdict.message, verdict.field ?? undefined);
    if (!changed.length) return this.view(actor, tenant, row);
    const errors = [
      ...callWriteErrors(next, { forPublication: row.status !== 'draft' }),
      ...(await this.referenceErrors(tenant, next, new Set(changed))),
    ];
    if (errors.length) throw invalidFields(errors);
    if (!(await this.repo.update(id, next, body.version, postponed && row.status === 'published')))
      throw conflict('stale', 'Cet appel a été modifié entre-temps : rechargez la page pour voir ses changements.');
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'call.update',
      targetType: 'funding_call',
      targetId: id,
      summary: `Appel à projets « ${next.title} » modifié (${changed.join(', ')})`,
      ip: meta.ip,
    });
    return this.view(actor, tenant, (await this.repo.get(id))!);
  }

  /** The body's fields over `base`, dates as ISO instants. */
  private merge(base: CallWrite, body: Partial<CallWrite>): CallWrite {
    const out: CallWrite = { ...base };
    for (const f of FIELDS) if (body[f] !== undefined) (out as unknown as Record<string, unknown>)[f] = body[f];
    // Plain data, not the validator's class instances (stored as JSON, compared as JSON).
    return JSON.parse(JSON.stringify(out)) as CallWrite;
  }

  /**
   * What only the server can check: the fiches are the tenant's, the territory's codes its
   * département's, the kinds and publics known codes, the dates instants with their time zone.
   * `only`: the fields to check (a published call's unchanged fields were checked at publication).
   */
  private async referenceErrors(
    tenant: Tenant,
    c: CallWrite,
    only?: ReadonlySet<CallField>,
  ): Promise<FundingFieldError[]> {
    const errors: FundingFieldError[] = [];
    const check = (f: CallField) => !only || only.has(f);
    for (const f of ['opensAt', 'closesAt'] as const)
      if (check(f) && c[f] !== null && !ISO_INSTANT.test(c[f]!))
        errors.push({ field: f, message: 'Date et heure ISO 8601 avec fuseau attendues (2027-01-31T22:59:00Z)' });
    if (check('fiches')) {
      if (new Set(c.fiches).size !== c.fiches.length) errors.push({ field: 'fiches', message: 'Fiche en double' });
      const known = new Set((await this.plan.ficheRefs(c.fiches)).map((f) => f.id));
      c.fiches.forEach((id, i) => {
        if (!known.has(id)) errors.push({ field: `fiches.${i}`, message: 'Fiche action inconnue dans le plan' });
      });
    }
    if (check('eligibleKinds'))
      c.eligibleKinds.forEach((k, i) => {
        if (!ORGANIZATION_KIND_CODES.has(k))
          errors.push({ field: `eligibleKinds.${i}`, message: 'Type de structure inconnu' });
      });
    if (check('eligiblePublics'))
      c.eligiblePublics.forEach((p, i) => {
        if (!AUDIENCE_CODES.has(p)) errors.push({ field: `eligiblePublics.${i}`, message: 'Public inconnu' });
      });
    if (check('territory')) {
      const { kind, codes } = c.territory;
      if (kind === 'department' && codes.length)
        errors.push({ field: 'territory.codes', message: 'Tout le département : aucun code à donner' });
      else if (kind !== 'department') {
        const known = await this.repo.knownTerritoryCodes(kind, codes, tenant.code);
        codes.forEach((code, i) => {
          if (!known.has(code))
            errors.push({
              field: `territory.codes.${i}`,
              message: kind === 'epci' ? 'EPCI inconnu dans le département' : 'Commune inconnue dans le département',
            });
        });
      }
    }
    return errors;
  }

  // ---- The lifecycle -----------------------------------------------------------------------

  /** Locks the call and asks the lifecycle; 404 for a missing call, 409 for a refused transition. */
  private async locked(id: string, action: CallAction) {
    const row = await this.repo.get(id, true);
    if (!row) throw notFound(CALL);
    const undecided = action === 'decide' ? await this.repo.undecidedApplications(id) : 0;
    try {
      return { row, step: transition(action, { status: row.status, undecidedApplications: undecided }) };
    } catch (e) {
      if (e instanceof InvalidCallTransition) throw conflict(e.code, e.message);
      throw e;
    }
  }

  private async record(
    tenant: Tenant,
    actor: Actor | null,
    row: CallRow,
    step: { event: string; from: CallStatus; to: CallStatus },
    reason: string | null,
    summary: string,
    ip: string | null,
  ) {
    await this.repo.event(row.id, step.from, step.to, actor?.userId ?? null, reason);
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: `call.${step.event}`,
      targetType: 'funding_call',
      targetId: row.id,
      summary,
      ip,
    });
  }

  async publish(actor: Actor | null, tenant: Tenant, id: string, meta: RequestMetaValue): Promise<Call> {
    this.policy.authorize(actor, 'call.manage', { tenantId: tenant.id }, CALL);
    const { row, step } = await this.locked(id, 'publish');
    const call = writeOf(row);
    const errors = [...callWriteErrors(call, { forPublication: true }), ...(await this.referenceErrors(tenant, call))];
    if (errors.length) throw invalidFields(errors);
    await this.repo.move(id, step.from, step.to);
    await this.record(tenant, actor, row, step, null, `Appel à projets « ${row.title} » publié`, meta.ip);
    const email = publishedEmail({
      title: row.title,
      departement: tenant.name,
      closesAt: row.closes_at,
      url: callLinks.call(this.settings.publicUrl, tenant.slug, id),
    });
    await this.outbox.enqueueAll(
      this.db.manager(),
      (await this.repo.optedInMembers()).map((to) => ({ to, ...email })),
    );
    return this.view(actor, tenant, (await this.repo.get(id))!);
  }

  async withdraw(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    reason: string,
    meta: RequestMetaValue,
  ): Promise<Call> {
    this.policy.authorize(actor, 'call.manage', { tenantId: tenant.id }, CALL);
    const text = reason.trim();
    if (text.length < 3) throw invalidFields([{ field: 'reason', message: 'Motif : 3 caractères au moins' }]);
    const { row, step } = await this.locked(id, 'withdraw');
    await this.repo.move(id, step.from, step.to, { withdrawnReason: text });
    await this.record(tenant, actor, row, step, text, `Appel à projets « ${row.title} » retiré : ${text}`, meta.ip);
    const email = withdrawnEmail(
      {
        title: row.title,
        departement: tenant.name,
        closesAt: row.closes_at,
        url: callLinks.call(this.settings.publicUrl, tenant.slug, id),
      },
      text,
    );
    const statuses = APPLICATION_STATUSES.filter((s) => s !== 'withdrawn');
    await this.outbox.enqueueAll(
      this.db.manager(),
      (await this.repo.applicantMembers(id, statuses)).map((to) => ({ to, ...email })),
    );
    return this.view(actor, tenant, (await this.repo.get(id))!);
  }

  async publishResults(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    results: string,
    meta: RequestMetaValue,
  ): Promise<Call> {
    this.policy.authorize(actor, 'call.manage', { tenantId: tenant.id }, CALL);
    const text = results.trim();
    if (text.length < 3) throw invalidFields([{ field: 'results', message: 'Résultats : 3 caractères au moins' }]);
    const { row, step } = await this.locked(id, 'decide');
    await this.repo.move(id, step.from, step.to, { results: text });
    await this.record(
      tenant,
      actor,
      row,
      step,
      null,
      `Résultats de l’appel à projets « ${row.title} » publiés`,
      meta.ip,
    );
    return this.view(actor, tenant, (await this.repo.get(id))!);
  }

  /** The clock: closes the tenant's calls whose deadline has passed (in the caller's tenant transaction). */
  async closeDue(tenant: Tenant): Promise<number> {
    const closed = await this.repo.closeDue();
    for (const c of closed) {
      const step = transition('close', { status: 'published', undecidedApplications: 0 });
      await this.repo.event(c.id, step.from, step.to, null, null);
      await this.audit.record(this.db.manager(), {
        tenantId: tenant.id,
        actor: null,
        action: 'call.closed',
        targetType: 'funding_call',
        targetId: c.id,
        summary: `Appel à projets « ${c.title} » clos à sa date limite`,
      });
    }
    return closed.length;
  }
}
