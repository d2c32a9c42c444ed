// The demo's calls for projects, per demo département (scenarios in demo-calls-scenarios.ts):
// - one call open now (opened 20 days ago, deadline in 25 days at 23:59:59, Paris time), with the
//   demo structure's draft, another draft and two submitted applications with their documents;
// - one call decided last year: four applications scored by the demo agent, two selected (the demo
//   structure's among them) and two not (one of them ineligible), their letters, and the two
//   agreements, signed and running, each linked to a published offer of its structure (one of the
//   call's fiches when it has one).
// Written once per département (a restart adds nothing), after the demo plan and accounts, in the
// caller's transaction (tenant set). Documents are real PDFs kept by the file storage.
import { ofDepartement, weightedTotal, type AnswerValue } from '@catalogue/contracts';
import type { Queryable } from '../database/catalogue-writer.js';
import type { FileStorage } from '../common/storage/file-storage.js';
import { renderPdf } from '../common/pdf/pdf-document.js';
import { defaultTerms } from '../modules/agreements/agreement-drafts.js';
import { chefLieuOf, renderLetter } from '../modules/applications/decision-letter.js';
import { euros } from '../modules/applications/application-emails.js';
import {
  DEMO_CALLS,
  DEMO_DOCUMENTS,
  DEMO_GRID,
  DEMO_QUESTIONS,
  type DemoCallScenario,
} from './demo-calls-scenarios.js';

const DAY = 86_400_000;
interface Org {
  id: string;
  name: string;
  commune_insee: string | null;
}

/** The agreement's PDF as its module renders it, given to the demo by whoever starts it (else a plain one). */
export interface DemoRenderers {
  agreement?: (agreementId: string) => Promise<Buffer>;
}

async function storePdf(storage: FileStorage, prefix: string, title: string, lines: string[], issuer: string) {
  const pdf = await renderPdf({
    issuer,
    title,
    blocks: lines.map((text) => ({ kind: 'paragraph' as const, text })),
    footer: 'Document de démonstration',
  });
  return { pdf, stored: await storage.put(prefix, pdf) };
}

/** Answers a structure would give, varied by `i`; `complete`: every required answer. */
function answersFor(s: DemoCallScenario, org: Org, i: number, complete: boolean) {
  const total = 40_000 + i * 7_300;
  const budget = [
    { label: 'Personnel (accompagnateurs, coordination)', amount: Math.round(total * 0.6) },
    { label: 'Fonctionnement de l’action', amount: Math.round(total * 0.25) },
    { label: 'Frais de structure', amount: total - Math.round(total * 0.6) - Math.round(total * 0.25) },
  ];
  const answers: Record<string, AnswerValue> = {
    project_title: `${s.theme.charAt(0).toUpperCase()}${s.theme.slice(1)} : l’action de ${org.name}`,
    description: `${org.name} propose une action de ${s.theme} pour les allocataires du RSA de son territoire : un accueil individuel, des ateliers collectifs chaque semaine et un suivi de six mois avec le référent unique. L’équipe compte deux accompagnateurs et une coordinatrice.`,
    has_partners: i % 2 === 0,
    budget,
  };
  if (i % 2 === 0)
    answers.partners = [
      { name: 'France Travail', role: 'Orientation des participants' },
      { name: 'CCAS de la commune', role: 'Mise à disposition de locaux' },
    ];
  if (complete) {
    Object.assign(answers, {
      commune: org.commune_insee,
      start_date: `${new Date().getUTCFullYear() + 1}-0${(i % 3) + 1}-01`,
      participants: 24 + i * 6,
      format: ['Individuel', 'Collectif', 'Mixte'][i % 3]!,
      publics: ['Allocataires du RSA', ...(i % 2 ? ['Jeunes de moins de 26 ans'] : [])],
      cofunding: i % 2 ? 5_000 : 0,
    });
  }
  return { answers, requestedCents: Math.round(total * 0.7) * 100 };
}

async function insertCall(
  db: Queryable,
  tenantId: string,
  s: DemoCallScenario,
  ficheIds: string[],
  dates: { opensAt: Date; closesAt: Date; status: 'published' | 'decided'; decidedAt?: Date },
  agentId: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO funding_call (tenant_id, status, title, context, eligible_kinds, eligible_publics, envelope_cents,
                               opens_at, closes_at, questions, documents, grid, published_at, closed_at, decided_at,
                               results, created_by, created_at)
     VALUES ($1, $2, $3, $4, ARRAY['association', 'siae', 'training_body', 'other'], $5, $6, $7, $8, $9, $10, $11,
             $7, CASE WHEN $2 = 'decided' THEN $8::timestamptz END, $12, $13, $14, $7::timestamptz - interval '10 days')
     RETURNING id`,
    [
      tenantId,
      dates.status,
      s.title,
      s.context,
      s.eligiblePublics,
      s.envelopeEuros * 100,
      dates.opensAt,
      dates.closesAt,
      JSON.stringify(DEMO_QUESTIONS),
      JSON.stringify(DEMO_DOCUMENTS),
      JSON.stringify(DEMO_GRID),
      dates.decidedAt ?? null,
      dates.status === 'decided'
        ? 'Le comité de sélection a retenu deux projets. Les structures ont reçu leur notification et signé leur convention.'
        : null,
      agentId,
    ],
  );
  const id = rows[0]!.id;
  for (const f of ficheIds)
    await db.query(`INSERT INTO funding_call_fiche (tenant_id, call_id, fiche_id) VALUES ($1, $2, $3)`, [
      tenantId,
      id,
      f,
    ]);
  await db.query(
    `INSERT INTO funding_call_instructor (tenant_id, call_id, user_id, assigned_at) VALUES ($1, $2, $3, $4)`,
    [tenantId, id, agentId, dates.opensAt],
  );
  const events: [string | null, string, Date][] = [
    [null, 'draft', new Date(dates.opensAt.getTime() - 10 * DAY)],
    ['draft', 'published', dates.opensAt],
  ];
  if (dates.status === 'decided')
    events.push(['published', 'closed', dates.closesAt], ['closed', 'decided', dates.decidedAt!]);
  for (const [from, to, at] of events)
    await db.query(
      `INSERT INTO funding_call_event (tenant_id, call_id, from_status, to_status, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [tenantId, id, from, to, to === 'closed' ? null : agentId, at],
    );
  return id;
}

/** The demo calls of one département, once. Returns the number of applications written. */
export async function ensureDemoCalls(
  db: Queryable,
  tenant: { id: string; code: string; slug: string; name: string },
  storage: FileStorage,
  renderers: DemoRenderers = {},
  now = new Date(),
): Promise<number> {
  const scenario = DEMO_CALLS[tenant.slug];
  if (!scenario) return 0;
  const existing = await db.query(`SELECT 1 FROM funding_call WHERE tenant_id = $1 LIMIT 1`, [tenant.id]);
  if (existing.rows.length) return 0;
  const { rows: fiches } = await db.query<{ id: string; number: string }>(
    `SELECT f.id, f.number FROM plan_fiche f JOIN insertion_plan p ON p.id = f.plan_id AND p.is_current WHERE f.tenant_id = $1`,
    [tenant.id],
  );
  const ficheIds = (numbers: string[]) => numbers.flatMap((n) => fiches.filter((f) => f.number === n).map((f) => f.id));
  const { rows: people } = await db.query<{ id: string; email: string; organization_id: string | null }>(
    `SELECT u.id, u.email, m.organization_id FROM app_user u JOIN membership m ON m.user_id = u.id AND m.tenant_id = $1 AND m.status = 'active'
      WHERE u.email = ANY($2::text[]) ORDER BY u.email`,
    [tenant.id, [`agent.${tenant.slug}@demo.local`, `structure.${tenant.slug}@demo.local`]],
  );
  const agent = people.find((p) => p.email.startsWith('agent.'));
  const partner = people.find((p) => p.email.startsWith('structure.') && p.organization_id);
  if (!agent || !partner) return 0;
  const { rows: others } = await db.query<Org>(
    `SELECT id, name, commune_insee FROM organization
      WHERE tenant_id = $1 AND status = 'validated' AND id <> $2 AND NOT prescriber
        AND kind IN ('association', 'siae', 'training_body', 'other')
      ORDER BY name LIMIT 3`,
    [tenant.id, partner.organization_id],
  );
  const { rows: partnerRows } = await db.query<Org>(`SELECT id, name, commune_insee FROM organization WHERE id = $1`, [
    partner.organization_id,
  ]);
  const orgs = [partnerRows[0]!, ...others];
  if (orgs.length < 4) return 0;
  await db.query(`UPDATE organization SET notify_calls = true WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
    tenant.id,
    orgs.map((o) => o.id),
  ]);
  const issuer = `Département ${ofDepartement(tenant.code, tenant.name)}`;
  const paris = async (sql: string, params: unknown[]) =>
    (await db.query<{ at: Date }>(`SELECT (${sql}) AT TIME ZONE 'Europe/Paris' AS at`, params)).rows[0]!.at;

  // ---- The call open now -----------------------------------------------------------------------
  const opensAt = await paris(`(($1::timestamptz AT TIME ZONE 'Europe/Paris')::date + time '09:00')`, [
    new Date(now.getTime() - 20 * DAY),
  ]);
  const closesAt = await paris(`(($1::timestamptz AT TIME ZONE 'Europe/Paris')::date + time '23:59:59')`, [
    new Date(now.getTime() + 25 * DAY),
  ]);
  const openId = await insertCall(
    db,
    tenant.id,
    scenario.open,
    ficheIds(scenario.open.fiches),
    { opensAt, closesAt, status: 'published' },
    agent.id,
  );
  await callDocument(db, storage, tenant.id, openId, scenario.open, issuer);
  let written = 0;
  const openPlan: ['draft' | 'submitted', boolean][] = [
    ['draft', false],
    ['submitted', true],
    ['submitted', true],
    ['draft', false],
  ];
  for (const [i, org] of orgs.entries()) {
    const [status, complete] = openPlan[i]!;
    const { answers, requestedCents } = answersFor(scenario.open, org, i, complete);
    const created = new Date(opensAt.getTime() + (i + 1) * 2 * DAY);
    const submitted = status === 'submitted' ? new Date(created.getTime() + 3 * DAY) : null;
    const appId = await insertApplication(db, tenant.id, openId, org, {
      status,
      answers,
      requestedCents: complete ? requestedCents : null,
      created,
      submitted,
      userId: org.id === partner.organization_id ? partner.id : null,
    });
    if (complete) await applicationDocuments(db, storage, tenant.id, appId, org, issuer, created);
    written++;
  }

  // ---- The call decided last year --------------------------------------------------------------
  const year = now.getUTCFullYear() - 1;
  const dOpens = await paris(`make_timestamp($1, 9, 1, 9, 0, 0)`, [year]);
  const dCloses = await paris(`make_timestamp($1, 10, 15, 23, 59, 59)`, [year]);
  const decidedAt = await paris(`make_timestamp($1, 12, 10, 15, 0, 0)`, [year]);
  const decidedId = await insertCall(
    db,
    tenant.id,
    scenario.decided,
    ficheIds(scenario.decided.fiches),
    { opensAt: dOpens, closesAt: dCloses, status: 'decided', decidedAt },
    agent.id,
  );
  await callDocument(db, storage, tenant.id, decidedId, scenario.decided, issuer);
  const envelopeCents = scenario.decided.envelopeEuros * 100;
  let grantedCents = 0;
  for (const [i, org] of orgs.entries()) {
    const { answers, requestedCents } = answersFor(scenario.decided, org, i + 1, true);
    const selected = i < 2;
    const granted = selected
      ? Math.min(i === 0 ? requestedCents : requestedCents - 400_000, envelopeCents - grantedCents)
      : null;
    if (granted) grantedCents += granted;
    const created = new Date(dOpens.getTime() + (i + 3) * DAY);
    const submitted = new Date(created.getTime() + 20 * DAY);
    const appId = await insertApplication(db, tenant.id, decidedId, org, {
      status: selected ? 'selected' : 'rejected',
      answers,
      requestedCents,
      created,
      submitted,
      userId: org.id === partner.organization_id ? partner.id : null,
      decision: {
        at: decidedAt,
        by: agent.id,
        grantedCents: granted,
        reasons: selected
          ? 'Projet retenu par le comité de sélection : il répond aux besoins identifiés par la fiche action.'
          : i === 3
            ? 'Projet inéligible : il ne s’adresse pas au public de l’appel à projets.'
            : 'Projet classé après les projets retenus, dans la limite de l’enveloppe.',
      },
    });
    await applicationDocuments(db, storage, tenant.id, appId, org, issuer, created);
    const scores =
      i === 3
        ? { eligibility: 0, relevance: 2, feasibility: 3, partnership: 2, budget: 3 }
        : { eligibility: 1, relevance: 5 - i, feasibility: 4 - (i % 2), partnership: 4 - i, budget: 4 };
    const { total, eliminated } = weightedTotal(DEMO_GRID, scores);
    await db.query(
      `INSERT INTO application_score (tenant_id, application_id, instructor_id, scores, comment, no_conflict_of_interest, total, eliminated, scored_at)
       VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8)`,
      [
        tenant.id,
        appId,
        agent.id,
        JSON.stringify(scores),
        i === 3 ? 'Le public visé ne relève pas de l’appel.' : 'Projet solide, bien ancré sur son territoire.',
        total,
        eliminated,
        new Date(dCloses.getTime() + 14 * DAY),
      ],
    );
    await storeLetter(
      db,
      storage,
      tenant.id,
      appId,
      await demoLetter(db, tenant, appId, decidedAt, scenario.decided.title),
    );
    if (selected && granted)
      await demoAgreement(db, storage, tenant.id, {
        appId,
        callId: decidedId,
        org,
        title: String(answers.project_title),
        grantedCents: granted,
        decidedAt,
        ficheIds: ficheIds(scenario.decided.fiches),
        agentId: agent.id,
        issuer,
        renderers,
      });
    written++;
  }
  return written;
}

async function callDocument(
  db: Queryable,
  storage: FileStorage,
  tenantId: string,
  callId: string,
  s: DemoCallScenario,
  issuer: string,
) {
  const { stored } = await storePdf(
    storage,
    'calls',
    `Règlement de l’appel à projets « ${s.title} »`,
    [
      s.context,
      `Enveloppe : ${euros(s.envelopeEuros * 100)}. Les dossiers sont déposés en ligne sur la plateforme, avant la date limite indiquée sur la page de l’appel.`,
      'Les projets sont analysés selon la grille publiée avec l’appel ; un comité de sélection arrête les décisions, notifiées par courrier.',
    ],
    issuer,
  );
  await db.query(
    `INSERT INTO funding_call_document (tenant_id, call_id, label, file_name, media_type, size_bytes, sha256, storage_key)
     VALUES ($1, $2, 'Règlement de l’appel à projets', 'reglement-appel-a-projets.pdf', 'application/pdf', $3, $4, $5)`,
    [tenantId, callId, stored.sizeBytes, stored.sha256, stored.key],
  );
}

interface ApplicationRow {
  status: 'draft' | 'submitted' | 'selected' | 'rejected';
  answers: Record<string, AnswerValue>;
  requestedCents: number | null;
  created: Date;
  submitted: Date | null;
  userId: string | null;
  decision?: { at: Date; by: string; grantedCents: number | null; reasons: string };
}

async function insertApplication(db: Queryable, tenantId: string, callId: string, org: Org, a: ApplicationRow) {
  const d = a.decision;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO application (tenant_id, call_id, organization_id, status, answers, amount_requested_cents, amount_granted_cents,
                              decision_reasons, submitted_at, first_submitted_at, decided_at, decided_by, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $9::timestamptz, $10::timestamptz, $11, $12, $13::timestamptz,
             coalesce($10::timestamptz, $9::timestamptz, $13::timestamptz)) RETURNING id`,
    [
      tenantId,
      callId,
      org.id,
      a.status,
      JSON.stringify(a.answers),
      a.requestedCents,
      d?.grantedCents ?? null,
      d?.reasons ?? null,
      a.submitted,
      d?.at ?? null,
      d?.by ?? null,
      a.userId,
      a.created,
    ],
  );
  const id = rows[0]!.id;
  const events: [string, string | null, string, Date, string | null][] = [
    ['created', null, 'draft', a.created, a.userId],
  ];
  if (a.submitted) events.push(['submitted', 'draft', 'submitted', a.submitted, a.userId]);
  if (d) events.push(['decided', 'submitted', a.status, d.at, d.by]);
  for (const [kind, from, to, at, actor] of events)
    await db.query(
      `INSERT INTO application_event (tenant_id, application_id, kind, from_status, to_status, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenantId, id, kind, from, to, actor, at],
    );
  return id;
}

async function applicationDocuments(
  db: Queryable,
  storage: FileStorage,
  tenantId: string,
  appId: string,
  org: Org,
  issuer: string,
  at: Date,
) {
  for (const [key, title] of [
    ['statuts', `Statuts de ${org.name}`],
    ['rib', `Relevé d’identité bancaire de ${org.name}`],
  ] as const) {
    const { stored } = await storePdf(
      storage,
      'applications',
      title,
      [`Pièce de démonstration déposée par ${org.name}.`],
      issuer,
    );
    await db.query(
      `INSERT INTO application_document (tenant_id, application_id, key, file_name, media_type, size_bytes, sha256, storage_key, uploaded_at)
       VALUES ($1, $2, $3, $4, 'application/pdf', $5, $6, $7, $8)`,
      [tenantId, appId, key, `${key}.pdf`, stored.sizeBytes, stored.sha256, stored.key, at],
    );
  }
}

/** The decision letter as the applications module writes it, from the stored application. */
async function demoLetter(
  db: Queryable,
  tenant: { id: string; code: string; name: string },
  appId: string,
  decidedAt: Date,
  callTitle: string,
): Promise<Buffer> {
  const { rows } = await db.query<{
    name: string;
    address: string;
    commune: string | null;
    postcode: string | null;
    status: string;
    amount_requested_cents: string | null;
    amount_granted_cents: string | null;
    decision_reasons: string;
  }>(
    `SELECT o.name, o.address, cm.name AS commune, cm.postcodes[1] AS postcode, a.status, a.amount_requested_cents,
            a.amount_granted_cents, a.decision_reasons
       FROM application a JOIN organization o ON o.id = a.organization_id LEFT JOIN commune cm ON cm.insee = o.commune_insee
      WHERE a.tenant_id = $1 AND a.id = $2`,
    [tenant.id, appId],
  );
  const r = rows[0]!;
  const chefLieu = chefLieuOf(tenant.code);
  const place = chefLieu
    ? ((await db.query<{ name: string }>(`SELECT name FROM commune WHERE insee = $1`, [chefLieu])).rows[0]?.name ??
      null)
    : null;
  return renderLetter({
    departement: { code: tenant.code, name: tenant.name },
    place,
    decidedAt,
    callTitle,
    organization: { name: r.name, address: r.address, postcode: r.postcode, commune: r.commune },
    selected: r.status === 'selected',
    amountRequestedCents: r.amount_requested_cents === null ? null : Number(r.amount_requested_cents),
    amountGrantedCents: r.amount_granted_cents === null ? null : Number(r.amount_granted_cents),
    reasons: r.decision_reasons,
    applicationId: appId,
  });
}

async function storeLetter(db: Queryable, storage: FileStorage, tenantId: string, appId: string, pdf: Buffer) {
  const stored = await storage.put('letters', pdf);
  await db.query(`UPDATE application SET letter_storage_key = $3 WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    appId,
    stored.key,
  ]);
}

async function demoAgreement(
  db: Queryable,
  storage: FileStorage,
  tenantId: string,
  a: {
    appId: string;
    callId: string;
    org: Org;
    title: string;
    grantedCents: number;
    decidedAt: Date;
    ficheIds: string[];
    agentId: string;
    issuer: string;
    renderers: DemoRenderers;
  },
) {
  const terms = defaultTerms(a.decidedAt, a.grantedCents);
  const { rows: indicators } = await db.query<{
    id: string;
    label: string;
    unit: string;
    targets: Record<string, number>;
  }>(
    `SELECT id, label, unit, targets FROM plan_indicator WHERE tenant_id = $1 AND fiche_id = ANY($2::uuid[]) ORDER BY fiche_id, position`,
    [tenantId, a.ficheIds],
  );
  const year = terms.startsOn.slice(0, 4);
  // A published offer of the structure becomes the action the agreement funds.
  const { rows: offers } = await db.query<{ id: string }>(
    `SELECT id FROM offer WHERE tenant_id = $1 AND organization_id = $2 AND status = 'published'
      ORDER BY (plan_fiche_id = ANY($3::uuid[])) DESC NULLS LAST, title LIMIT 1`,
    [tenantId, a.org.id, a.ficheIds],
  );
  const sentAt = new Date(a.decidedAt.getTime() + 2 * DAY);
  const signedAt = new Date(a.decidedAt.getTime() + 9 * DAY);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO agreement (tenant_id, application_id, call_id, organization_id, status, title, amount_cents, starts_on, ends_on,
                            payment_schedule, indicators, bilan_due_dates, sent_at, signed_at, offer_id, created_by, created_at,
                            signed_file_name, signed_media_type, signed_size_bytes, signed_sha256, signed_storage_key)
     VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'convention-signee.pdf', 'application/pdf', 1, $17, $18)
     RETURNING id`,
    [
      tenantId,
      a.appId,
      a.callId,
      a.org.id,
      a.title.slice(0, 300),
      a.grantedCents,
      terms.startsOn,
      terms.endsOn,
      JSON.stringify(terms.schedule),
      JSON.stringify(
        indicators.map((i) => ({ indicatorId: i.id, label: i.label, unit: i.unit, target: i.targets[year] ?? null })),
      ),
      terms.bilanDueDates,
      sentAt,
      signedAt,
      offers[0]?.id ?? null,
      a.agentId,
      a.decidedAt,
      '0'.repeat(64),
      `agreements/pending/${a.appId}`,
    ],
  );
  const id = rows[0]!.id;
  // The signed copy: the agreement as the module renders it (or a plain one), kept like an upload.
  const pdf = a.renderers.agreement
    ? await a.renderers.agreement(id)
    : (
        await storePdf(
          storage,
          'agreements',
          `Convention « ${a.title} »`,
          [`Convention signée entre le ${a.issuer} et ${a.org.name}.`],
          a.issuer,
        )
      ).pdf;
  const stored = await storage.put('agreements', pdf);
  await db.query(
    `UPDATE agreement SET signed_size_bytes = $3, signed_sha256 = $4, signed_storage_key = $5 WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, stored.sizeBytes, stored.sha256, stored.key],
  );
  for (const [from, to, at] of [
    [null, 'draft', a.decidedAt],
    ['draft', 'sent', sentAt],
    ['sent', 'signed', signedAt],
    ['signed', 'running', new Date(`${terms.startsOn}T00:00:00Z`)],
  ] as const)
    await db.query(
      `INSERT INTO agreement_event (tenant_id, agreement_id, from_status, to_status, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [tenantId, id, from, to, to === 'running' ? null : a.agentId, at],
    );
}
