// Answers of the applications API shaped exactly like the contracts, for the pages' unit tests and
// for browser screenshots that intercept the API (page.route): a call whose form uses the twelve
// question types, a draft being filled, a submitted application scored by two instructors, the
// lists, and a ranking over its envelope. Data only (no test framework, no browser).
import type { Application, ApplicationListItem, Call, Me, Ranking, TenantCapabilities } from '@catalogue/contracts';

export const FIXTURE_SLUG = 'drome';
export const CALL_ID = '0d9a1c52-1111-4c4e-9a55-000000000001';
export const ORG_ID = '0d9a1c52-2222-4c4e-9a55-000000000002';
export const OTHER_ORG_ID = '0d9a1c52-2222-4c4e-9a55-000000000003';
export const DRAFT_ID = '0d9a1c52-3333-4c4e-9a55-000000000004';
export const SUBMITTED_ID = '0d9a1c52-3333-4c4e-9a55-000000000005';
export const SELECTED_ID = '0d9a1c52-3333-4c4e-9a55-000000000006';
export const AGENT_ID = '0d9a1c52-4444-4c4e-9a55-000000000007';
export const MEMBER_ID = '0d9a1c52-4444-4c4e-9a55-000000000008';
export const AGREEMENT_ID = '0d9a1c52-5555-4c4e-9a55-000000000009';

const noTenant: TenantCapabilities = {
  moderateOffers: false,
  reviewStructures: false,
  editStructures: false,
  readDashboard: false,
  exportCsv: false,
  manageSettings: false,
  manageStaff: false,
  readAudit: false,
  prescribe: false,
  registerSelf: false,
  editPlan: false,
  manageCalls: false,
  assignInstructors: false,
  manageAgreements: false,
  reviewBilans: false,
  readIndicators: false,
  editReport: false,
  importDataInclusion: false,
  manageApiKeys: false,
};

/** A member of two structures of the Drôme, both allowed to apply. */
export const memberMe: Me = {
  id: MEMBER_ID,
  email: 'claire.martin@association-exemple.fr',
  name: 'Claire Martin',
  platformAdmin: false,
  memberships: [
    {
      tenant: FIXTURE_SLUG,
      tenantName: 'Drôme',
      role: 'structure_admin',
      organizationId: ORG_ID,
      organizationName: 'Association Tremplin Valence',
      status: 'active',
    },
    {
      tenant: FIXTURE_SLUG,
      tenantName: 'Drôme',
      role: 'structure_member',
      organizationId: OTHER_ORG_ID,
      organizationName: 'Atelier chantier d’insertion du Diois',
      status: 'active',
    },
  ],
  capabilities: {
    tenants: [
      {
        tenant: FIXTURE_SLUG,
        tenantName: 'Drôme',
        capabilities: noTenant,
        structures: [ORG_ID, OTHER_ORG_ID].map((organizationId) => ({
          organizationId,
          capabilities: {
            editStructure: true,
            manageMembers: true,
            withdrawChange: true,
            readOffers: true,
            editOffers: true,
            manageRegistrations: true,
            applyToCalls: true,
            fileBilans: true,
            importOffers: true,
          },
        })),
      },
    ],
    otherTenants: noTenant,
    platform: { createTenants: false },
    account: { deleteAccount: false },
  },
  csrfToken: 'fixture-csrf',
  suggestedSiret: null,
};

/** An admin of the Drôme, instructor of the call. */
export const agentMe: Me = {
  ...memberMe,
  id: AGENT_ID,
  email: 'paul.durand@ladrome.fr',
  name: 'Paul Durand',
  memberships: [{ tenant: FIXTURE_SLUG, tenantName: 'Drôme', role: 'admin', status: 'active' }],
  capabilities: {
    ...memberMe.capabilities,
    tenants: [
      {
        tenant: FIXTURE_SLUG,
        tenantName: 'Drôme',
        capabilities: {
          ...noTenant,
          readDashboard: true,
          editPlan: true,
          manageCalls: true,
          assignInstructors: true,
          manageAgreements: true,
          reviewBilans: true,
          readIndicators: true,
          editReport: true,
          importDataInclusion: true,
          manageApiKeys: true,
        },
        structures: [],
      },
    ],
  },
};

export const fixtureCall: Call = {
  id: CALL_ID,
  title: 'Lever les freins à la mobilité des allocataires du RSA',
  context: 'Le Département soutient les actions qui facilitent les déplacements vers l’emploi.',
  fiches: [],
  ficheRefs: [],
  eligibleKinds: [],
  eligiblePublics: [],
  territory: { kind: 'department', codes: [] },
  envelope: 100_000,
  opensAt: '2027-01-04T08:00:00.000Z',
  closesAt: '2027-01-31T22:59:00.000Z',
  status: 'published',
  questions: [
    { key: 'project_title', label: 'Intitulé du projet', type: 'short_text', required: true },
    {
      key: 'summary',
      label: 'Résumé du projet',
      type: 'long_text',
      required: true,
      help: 'Objectifs, public visé, déroulement (2 000 caractères environ).',
    },
    { key: 'participants', label: 'Nombre de participants prévus', type: 'number', required: true },
    { key: 'own_funds', label: 'Fonds propres mobilisés', type: 'amount', required: false },
    { key: 'start_date', label: 'Date de démarrage', type: 'date', required: true },
    { key: 'has_partners', label: 'Le projet associe-t-il des partenaires ?', type: 'yes_no', required: true },
    {
      key: 'partners',
      label: 'Partenaires',
      type: 'repeat',
      required: true,
      showIf: { key: 'has_partners', equals: true },
      fields: [
        { key: 'name', label: 'Nom', type: 'short_text', required: true },
        { key: 'role', label: 'Rôle dans le projet', type: 'short_text', required: false },
        { key: 'contribution', label: 'Apport (€)', type: 'amount', required: false },
      ],
    },
    {
      key: 'mode',
      label: 'Mode d’intervention',
      type: 'choice',
      required: true,
      options: ['Collectif', 'Individuel', 'Mixte'],
    },
    {
      key: 'publics',
      label: 'Publics visés',
      type: 'multi_choice',
      required: true,
      options: [
        'Allocataires du RSA',
        'Jeunes de moins de 26 ans',
        'Demandeurs d’emploi de longue durée',
        'Travailleurs handicapés',
      ],
    },
    { key: 'place', label: 'Commune ou EPCI de réalisation', type: 'commune', required: true },
    {
      key: 'statutes',
      label: 'Statuts de la structure',
      type: 'file',
      required: true,
      help: 'Statuts à jour, signés.',
    },
    {
      key: 'budget',
      label: 'Budget prévisionnel',
      type: 'budget_table',
      required: true,
      help: 'Une ligne par poste de dépense.',
    },
  ],
  documents: [
    { key: 'rib', label: 'Relevé d’identité bancaire', required: true },
    { key: 'last_report', label: 'Dernier rapport d’activité', required: false },
  ],
  grid: [
    {
      key: 'relevance',
      label: 'Pertinence au regard des besoins',
      help: 'Le projet répond-il à un besoin identifié sur le territoire ?',
      weight: 40,
      scale: 5,
      eliminatory: true,
    },
    { key: 'quality', label: 'Qualité de l’accompagnement', weight: 35, scale: 5 },
    {
      key: 'cost',
      label: 'Coût par participant',
      help: 'Rapport entre le budget et le nombre de personnes accompagnées.',
      weight: 25,
      scale: 5,
    },
  ],
  publicDocuments: [],
  withdrawnReason: null,
  results: null,
  publishedAt: '2027-01-04T08:00:00.000Z',
  closedAt: null,
  decidedAt: null,
  version: 3,
};

const baseApplication: Application = {
  id: DRAFT_ID,
  callId: CALL_ID,
  callTitle: fixtureCall.title,
  organizationId: ORG_ID,
  organizationName: 'Association Tremplin Valence',
  status: 'draft',
  answers: {},
  amountRequested: null,
  amountGranted: null,
  decisionReasons: null,
  completionMessage: null,
  completionDueAt: null,
  submittedAt: null,
  decidedAt: null,
  documents: [],
  events: [],
  agreementId: null,
  version: 1,
};

/** A draft half filled: what the structure sees while editing. */
export const draftApplication: Application = {
  ...baseApplication,
  answers: {
    project_title: 'Garage solidaire et auto-école sociale',
    summary: 'Location de véhicules à bas coût et préparation au permis pour 40 allocataires du RSA.',
    participants: 40,
    own_funds: 4500,
    start_date: '2027-03-01',
    has_partners: true,
    partners: [{ name: 'Mission locale Valence', role: 'Orientation des jeunes', contribution: 1500 }],
    mode: 'Mixte',
    publics: ['Allocataires du RSA', 'Jeunes de moins de 26 ans'],
    place: '26362',
    budget: [
      { label: 'Salaires des moniteurs', amount: 9000 },
      { label: 'Location de véhicules', amount: 3500 },
    ],
  },
  amountRequested: 12500,
  documents: [
    {
      id: '0d9a1c52-6666-4c4e-9a55-000000000010',
      key: 'statutes',
      fileName: 'statuts-2024.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 284_112,
      uploadedAt: '2027-01-10T13:32:00.000Z',
    },
  ],
  events: [
    {
      kind: 'created',
      fromStatus: null,
      toStatus: 'draft',
      actorName: 'Claire Martin',
      message: null,
      at: '2027-01-10T13:20:00.000Z',
    },
  ],
  version: 4,
};

/** Submitted, seen by an instructor: answers, documents, two scores. */
export const submittedApplication: Application = {
  ...draftApplication,
  id: SUBMITTED_ID,
  status: 'submitted',
  submittedAt: '2027-01-28T16:05:00.000Z',
  documents: [
    ...draftApplication.documents,
    {
      id: '0d9a1c52-6666-4c4e-9a55-000000000011',
      key: 'rib',
      fileName: 'rib.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 41_200,
      uploadedAt: '2027-01-27T09:00:00.000Z',
    },
  ],
  events: [
    ...draftApplication.events,
    {
      kind: 'submitted',
      fromStatus: 'draft',
      toStatus: 'submitted',
      actorName: 'Claire Martin',
      message: null,
      at: '2027-01-28T16:05:00.000Z',
    },
  ],
  scores: [
    {
      instructorId: '0d9a1c52-4444-4c4e-9a55-000000000012',
      instructorName: 'Sophie Bernard',
      scores: { relevance: 4, quality: 3, cost: 4 },
      comment: 'Besoin bien documenté, partenariat solide.',
      total: 73,
      eliminated: false,
      scoredAt: '2027-02-03T10:00:00.000Z',
    },
  ],
  version: 6,
};

/** Completion asked by the département. */
export const completionApplication: Application = {
  ...submittedApplication,
  status: 'completion_requested',
  completionMessage: 'Merci de joindre le budget détaillé signé par le président.',
  completionDueAt: '2027-02-10T22:59:59.000Z',
  scores: undefined,
};

/** Selected, with its agreement. */
export const selectedApplication: Application = {
  ...submittedApplication,
  id: SELECTED_ID,
  status: 'selected',
  amountGranted: 11_000,
  decisionReasons: 'Projet retenu par le comité de sélection.',
  decidedAt: '2027-02-20T14:00:00.000Z',
  agreementId: AGREEMENT_ID,
  scores: undefined,
};

const item = (a: Application, updatedAt: string): ApplicationListItem => ({
  id: a.id,
  callId: a.callId,
  callTitle: a.callTitle,
  callClosesAt: fixtureCall.closesAt,
  organizationId: a.organizationId,
  organizationName: a.organizationName,
  status: a.status,
  amountRequested: a.amountRequested,
  amountGranted: a.amountGranted,
  submittedAt: a.submittedAt,
  updatedAt,
  agreementId: a.agreementId,
});

export const listOfOrg: ApplicationListItem[] = [
  item(draftApplication, '2027-01-10T13:32:00.000Z'),
  {
    ...item(selectedApplication, '2026-06-20T14:00:00.000Z'),
    callTitle: 'Accompagnement vers l’emploi des jeunes 2026',
    callClosesAt: '2026-04-30T21:59:00.000Z',
  },
];
export const listOfOtherOrg: ApplicationListItem[] = [
  {
    ...item(submittedApplication, '2027-01-28T16:05:00.000Z'),
    organizationId: OTHER_ORG_ID,
    organizationName: 'Atelier chantier d’insertion du Diois',
  },
];

const line = (
  n: number,
  name: string,
  requested: number,
  score: number | null,
  extra: Partial<Ranking['lines'][number]> = {},
) => ({
  applicationId: `0d9a1c52-7777-4c4e-9a55-0000000000${String(n).padStart(2, '0')}`,
  organizationName: name,
  status: 'submitted' as const,
  amountRequested: requested,
  amountGranted: null,
  score,
  scoreCount: score === null ? 0 : 2,
  ineligible: false,
  rank: score === null ? null : n,
  ...extra,
});

/** Five applications for a 100 000 € envelope: selecting all goes over it. */
export const fixtureRanking: Ranking = {
  callId: CALL_ID,
  envelope: 100_000,
  instructorCount: 2,
  granted: 0,
  lines: [
    line(1, 'Association Tremplin Valence', 35_000, 86.5),
    line(2, 'Garage solidaire de Romans', 30_000, 78),
    line(3, 'Atelier chantier d’insertion du Diois', 20_000, 71.25),
    line(4, 'Mobilité 26', 28_000, 64),
    line(5, 'Auto-école sociale de Montélimar', 15_000, 40, { ineligible: true, rank: null }),
  ],
};

/**
 * What the fixture API answers (for `page.route('**\/api/v1/**', …)`): null lets the request go to
 * the real server (tenants, communes, EPCI). `me` chooses who is signed in.
 */
export function fixtureAnswer(
  method: string,
  url: string,
  me: Me,
  body?: unknown,
): { status: number; body: unknown } | null {
  const path = new URL(url, 'http://x').pathname.replace(/^\/api\/v1/, '');
  const t = `/tenants/${FIXTURE_SLUG}`;
  const apps = [draftApplication, submittedApplication, selectedApplication];
  if (path === '/me') return { status: 200, body: me };
  if (method === 'GET' && path === `${t}/applications`) {
    const org = new URL(url, 'http://x').searchParams.get('organizationId');
    return { status: 200, body: { items: org === ORG_ID ? listOfOrg : org === OTHER_ORG_ID ? listOfOtherOrg : [] } };
  }
  if (method === 'GET' && path === `${t}/calls/${CALL_ID}`)
    return {
      status: 200,
      body:
        me.id === AGENT_ID
          ? {
              ...fixtureCall,
              status: 'closed',
              instructors: [{ userId: AGENT_ID, name: agentMe.name, email: agentMe.email }],
            }
          : fixtureCall,
    };
  if (method === 'GET' && path === `${t}/calls/${CALL_ID}/ranking`) return { status: 200, body: fixtureRanking };
  const ranked = fixtureRanking.lines.find((l) => path === `${t}/applications/${l.applicationId}/decision`);
  if (ranked && method === 'POST') {
    const d = body as { decision: 'selected' | 'rejected'; amountGranted?: number };
    if (ranked.rank === 4 && d.decision === 'selected')
      return {
        status: 409,
        body: {
          code: 'envelope_exceeded',
          message: 'Ce montant dépasse ce qui reste de l’enveloppe de l’appel à projets.',
        },
      };
    return {
      status: 200,
      body: {
        ...submittedApplication,
        id: ranked.applicationId,
        organizationName: ranked.organizationName,
        status: d.decision,
        amountGranted: d.amountGranted ?? null,
        agreementId: d.decision === 'selected' ? AGREEMENT_ID : null,
      },
    };
  }
  const m = new RegExp(`^${t}/applications/([0-9a-f-]{36})(/.*)?$`).exec(path);
  if (m) {
    const app = apps.find((a) => a.id === m[1]);
    if (!app) return { status: 404, body: { code: 'not_found', message: 'Introuvable' } };
    const seen = me.id === AGENT_ID ? app : { ...app, scores: undefined };
    const sub = m[2] ?? '';
    if (method === 'GET' && !sub) return { status: 200, body: seen };
    if (method === 'PATCH' && !sub)
      return { status: 200, body: { ...seen, ...(body as object), version: app.version + 1 } };
    if (method === 'POST' && sub === '/submit')
      return { status: 200, body: { ...seen, status: 'submitted', version: app.version + 2 } };
    if (method === 'POST' && sub === '/documents')
      return {
        status: 201,
        body: {
          id: '0d9a1c52-6666-4c4e-9a55-000000000099',
          key: 'rib',
          fileName: 'rib.pdf',
          mediaType: 'application/pdf',
          sizeBytes: 1000,
          uploadedAt: new Date().toISOString(),
        },
      };
    if (method === 'POST' && sub === '/decision') {
      const d = body as { decision: 'selected' | 'rejected'; amountGranted?: number };
      return {
        status: 200,
        body: {
          ...seen,
          status: d.decision,
          amountGranted: d.amountGranted ?? null,
          agreementId: d.decision === 'selected' ? AGREEMENT_ID : null,
        },
      };
    }
  }
  return null;
}
