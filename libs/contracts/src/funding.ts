// The insertion plan and its calls for projects: shapes shared by the API and the web, and the
// rules both apply (a call's form and grid, an application's answers, the scores, the envelope).
// Pure: no Node-only imports. Amounts cross the API in euros (at most 2 decimals); the database
// keeps cents.

// ---- The plan -----------------------------------------------------------------------------------

/** How an indicator is measured: typed in by an agent, counted from registrations, or read from bilans. */
export const INDICATOR_MEASURES = ['manual', 'registrations', 'bilans'] as const;
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];

export interface PlanIndicator {
  id: string;
  label: string;
  unit: string;
  measure: IndicatorMeasure;
  /** Target value per year: `{ "2019": 120 }`. */
  targets: Record<string, number>;
}

export interface PlanFiche {
  id: string;
  /** « 7 », or « 1.2 » where the plan numbers fiches within axes. */
  number: string;
  title: string;
  objective: string | null;
  description: string | null;
  /** The public the fiche targets (« Public visé »). */
  publicText: string | null;
  /** Its partners and means (« Moyens et partenaires »). */
  means: string | null;
  indicators: PlanIndicator[];
  /** Published offers that point to this fiche. */
  offerCount: number;
}

export interface PlanAxis {
  id: string;
  number: number;
  title: string;
  description: string | null;
  fiches: PlanFiche[];
}

/** GET /tenants/{slug}/plan: public. */
export interface Plan {
  id: string;
  name: string;
  periodStart: number;
  periodEnd: number;
  source: string | null;
  updatedAt: string;
  axes: PlanAxis[];
}

/** A fiche as an offer or a call names it. */
export interface FicheRef {
  id: string;
  number: string;
  title: string;
  axis: { number: number; title: string };
}

/** PUT /tenants/{slug}/plan: the whole plan; elements keep their id when it is sent back. */
export interface PlanWrite {
  name: string;
  periodStart: number;
  periodEnd: number;
  source?: string | null;
  axes: {
    id?: string;
    number: number;
    title: string;
    description?: string | null;
    fiches: {
      id?: string;
      number: string;
      title: string;
      objective?: string | null;
      description?: string | null;
      /** Absent: kept as it is (older clients); null or '' clears it. */
      publicText?: string | null;
      means?: string | null;
      indicators: {
        id?: string;
        label: string;
        unit: string;
        measure: IndicatorMeasure;
        targets: Record<string, number>;
      }[];
    }[];
  }[];
}

export const PLAN_LIMITS = {
  name: 300,
  source: 2000,
  axes: 20,
  fichesPerAxis: 40,
  indicatorsPerFiche: 30,
  title: 500,
  axisDescription: 5000,
  objective: 5000,
  ficheDescription: 10_000,
  publicText: 5000,
  means: 5000,
  indicatorLabel: 500,
  unit: 50,
  /** A target value (a count, a percentage, euros). */
  targetMax: 1_000_000_000,
} as const;

export const FICHE_NUMBER_PATTERN = /^[0-9]{1,3}(\.[0-9]{1,3})?$/;

// ---- Calls --------------------------------------------------------------------------------------

export const CALL_STATUSES = ['draft', 'published', 'closed', 'decided', 'withdrawn'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const QUESTION_TYPES = [
  'short_text',
  'long_text',
  'number',
  'amount',
  'date',
  'yes_no',
  'choice',
  'multi_choice',
  'commune',
  'file',
  'budget_table',
  'repeat',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A field of a `repeat` block's line (the partners: name, role…). */
export interface RepeatField {
  key: string;
  label: string;
  type: 'short_text' | 'long_text' | 'number' | 'amount' | 'date';
  required: boolean;
}

export interface CallQuestion {
  /** Stable within the call: `[a-z0-9_]{1,64}`. */
  key: string;
  label: string;
  type: QuestionType;
  required: boolean;
  help?: string;
  /** `choice` and `multi_choice` only. */
  options?: string[];
  /** `repeat` only: the fields of each line. */
  fields?: RepeatField[];
  /** Shown only when the `yes_no` question `key` was answered `equals`. */
  showIf?: { key: string; equals: boolean };
}

export interface CallDocumentRequirement {
  key: string;
  label: string;
  required: boolean;
}

export interface GridCriterion {
  key: string;
  label: string;
  help?: string;
  /** Relative weight (1–100). */
  weight: number;
  /** Scores go from 0 to `scale` (1–20). */
  scale: number;
  /** Scored 0 by any instructor, the application is ineligible. */
  eliminatory?: boolean;
}

/** Where a call's projects must take place. */
export interface CallTerritory {
  kind: 'department' | 'epci' | 'communes';
  /** EPCI SIRENs or commune INSEE codes; empty for the whole département. */
  codes: string[];
}

/** POST /calls and PATCH /calls/{id} (a draft: everything; once published, only what the lifecycle allows). */
export interface CallWrite {
  title: string;
  context: string;
  fiches: string[];
  eligibleKinds: string[];
  eligiblePublics: string[];
  territory: CallTerritory;
  /** Euros. */
  envelope: number;
  opensAt: string | null;
  closesAt: string | null;
  questions: CallQuestion[];
  documents: CallDocumentRequirement[];
  grid: GridCriterion[];
}

export interface CallPublicDocument {
  id: string;
  label: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

export interface CallSummary {
  id: string;
  title: string;
  status: CallStatus;
  envelope: number;
  opensAt: string | null;
  closesAt: string | null;
  fiches: FicheRef[];
  /** Agents only: how many applications, by status. */
  applicationCounts?: Partial<Record<ApplicationStatus, number>>;
}

export interface Call extends CallWrite {
  id: string;
  status: CallStatus;
  ficheRefs: FicheRef[];
  publicDocuments: CallPublicDocument[];
  withdrawnReason: string | null;
  /** The results text published with the decisions. */
  results: string | null;
  publishedAt: string | null;
  closedAt: string | null;
  decidedAt: string | null;
  version: number;
  /** Agents only: the assigned instructors. */
  instructors?: { userId: string; name: string; email: string }[];
}

export const CALL_LIMITS = {
  title: 300,
  context: 20_000,
  questions: 80,
  questionLabel: 500,
  help: 2000,
  options: 50,
  optionLabel: 200,
  repeatFields: 10,
  documents: 20,
  criteria: 20,
  envelopeMax: 1_000_000_000,
  reason: 2000,
  results: 20_000,
  /** An answer's text. */
  shortText: 300,
  longText: 10_000,
  /** Lines of a budget table or a repeat block. */
  lines: 100,
  /** A file, unless the deployment says otherwise (UPLOAD_MAX_BYTES). */
  fileBytes: 20 * 1024 * 1024,
  documentsPerApplication: 50,
} as const;

export const KEY_PATTERN = /^[a-z0-9_]{1,64}$/;

/** What a document may be: its type is read from its content, never from its name. */
export const ACCEPTED_DOCUMENT_TYPES = {
  'application/pdf': 'PDF',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
} as const;
export type AcceptedDocumentType = keyof typeof ACCEPTED_DOCUMENT_TYPES;

// ---- Applications -------------------------------------------------------------------------------

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'completion_requested',
  'withdrawn',
  'selected',
  'rejected',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A budget table's line, or a repeat block's line (`values` by field key). */
export interface BudgetLine {
  label: string;
  /** Euros. */
  amount: number;
}

export type AnswerValue =
  string | number | boolean | string[] | BudgetLine[] | Record<string, string | number>[] | null;

export interface ApplicationDocument {
  id: string;
  key: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedAt: string;
}

export interface ApplicationEvent {
  kind: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  actorName: string | null;
  message: string | null;
  at: string;
}

export interface ApplicationScore {
  instructorId: string;
  instructorName: string;
  scores: Record<string, number>;
  comment: string;
  total: number;
  eliminated: boolean;
  scoredAt: string;
}

export interface Application {
  id: string;
  callId: string;
  callTitle: string;
  organizationId: string;
  organizationName: string;
  status: ApplicationStatus;
  answers: Record<string, AnswerValue>;
  amountRequested: number | null;
  amountGranted: number | null;
  decisionReasons: string | null;
  completionMessage: string | null;
  completionDueAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  documents: ApplicationDocument[];
  events: ApplicationEvent[];
  /** Agents and admins of the call only. */
  scores?: ApplicationScore[];
  /** When selected. */
  agreementId: string | null;
  version: number;
  /** The call's deadline (the API always sends it). */
  callClosesAt?: string | null;
  /** The decision letter is there: GET /applications/{id}/letter.pdf (the API always sends it). */
  hasLetter?: boolean;
  /** What the signed-in reader may do now: the policy and the state machine both say yes (the API always sends it). */
  can?: ApplicationRights;
}

/** The actions on an application open to its reader now. */
export interface ApplicationRights {
  /** PATCH, documents: a member, while draft or sent back for completion. */
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  /** An instructor or an admin, while submitted. */
  requestCompletion: boolean;
  /** An assigned instructor, while submitted or sent back. */
  score: boolean;
  /** An instructor or an admin, once the call is closed, while submitted. */
  decide: boolean;
}

/** GET /calls/{id}/applications (agents of the call) and GET /applications?organizationId= (the structure). */
export interface ApplicationListItem {
  id: string;
  callId: string;
  callTitle: string;
  callClosesAt: string | null;
  organizationId: string;
  organizationName: string;
  status: ApplicationStatus;
  amountRequested: number | null;
  amountGranted: number | null;
  submittedAt: string | null;
  updatedAt: string;
  agreementId: string | null;
}

/** GET /calls/{id}/ranking: one line per submitted application, best first. */
export interface RankingLine {
  applicationId: string;
  organizationName: string;
  status: ApplicationStatus;
  amountRequested: number | null;
  amountGranted: number | null;
  /** The mean of the instructors' weighted totals, on 100; null before any score. */
  score: number | null;
  scoreCount: number;
  ineligible: boolean;
  rank: number | null;
}

export interface Ranking {
  callId: string;
  envelope: number;
  instructorCount: number;
  lines: RankingLine[];
  /** Sum of the amounts granted so far. */
  granted: number;
}

export const CALL_DECISIONS = ['selected', 'rejected'] as const;
export type CallDecision = (typeof CALL_DECISIONS)[number];

// ---- Agreements ---------------------------------------------------------------------------------

export const AGREEMENT_STATUSES = ['draft', 'sent', 'signed', 'running', 'closed'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export interface PaymentTranche {
  label: string;
  /** Euros. */
  amount: number;
  dueOn: string;
}

export interface AgreementIndicator {
  indicatorId: string | null;
  label: string;
  unit: string;
  target: number | null;
}

export interface Agreement {
  id: string;
  applicationId: string;
  callId: string;
  callTitle: string;
  organizationId: string;
  organizationName: string;
  status: AgreementStatus;
  title: string;
  amount: number;
  startsOn: string;
  endsOn: string;
  paymentSchedule: PaymentTranche[];
  indicators: AgreementIndicator[];
  bilanDueDates: string[];
  fiches: FicheRef[];
  signedAt: string | null;
  sentAt: string | null;
  /** The draft offer created at signature. */
  offerId: string | null;
  version: number;
  /** The structure as the agreement names it (a party). */
  organizationSiret: string | null;
  organizationAddress: string | null;
  /** The signed PDF's name, once uploaded. */
  signedFileName: string | null;
  events: AgreementEvent[];
  /** What the reader may do now (the policy and the lifecycle both say yes). */
  can: { edit: boolean; send: boolean; sign: boolean; close: boolean };
}

export interface AgreementEvent {
  fromStatus: AgreementStatus | null;
  toStatus: AgreementStatus;
  actorName: string | null;
  message: string | null;
  at: string;
}

/** GET /agreements (agents: all, or `?callId=`; a structure: `?organizationId=`). */
export interface AgreementListItem {
  id: string;
  callId: string;
  callTitle: string;
  organizationId: string;
  organizationName: string;
  status: AgreementStatus;
  title: string;
  amount: number;
  startsOn: string;
  endsOn: string;
  offerId: string | null;
}

// ---- Rules both sides apply ---------------------------------------------------------------------

/** Euros (≤ 2 decimals, ≥ 0, ≤ max) to cents; null when not a valid amount. */
export function toCents(euros: unknown, max = CALL_LIMITS.envelopeMax): number | null {
  if (typeof euros !== 'number' || !Number.isFinite(euros) || euros < 0 || euros > max) return null;
  const cents = Math.round(euros * 100);
  return Math.abs(cents - euros * 100) < 1e-6 ? cents : null;
}

export const fromCents = (cents: number | string | null): number | null =>
  cents === null ? null : Number(cents) / 100;

/** The sum of a budget table's lines, in euros (summed in cents: no drift). */
export function budgetTotal(lines: readonly BudgetLine[]): number {
  return lines.reduce((sum, l) => sum + (toCents(l.amount) ?? 0), 0) / 100;
}

/** Whether a question is shown, given the answers (its `showIf` yes/no condition). */
export function questionVisible(q: CallQuestion, answers: Record<string, unknown>): boolean {
  return !q.showIf || answers[q.showIf.key] === q.showIf.equals;
}

/**
 * A weighted total on 100: each criterion's score over its scale, times its weight, over the
 * weights' sum. `eliminated` when an eliminatory criterion is scored 0.
 */
export function weightedTotal(
  grid: readonly GridCriterion[],
  scores: Record<string, number>,
): { total: number; eliminated: boolean } {
  const weights = grid.reduce((s, c) => s + c.weight, 0);
  if (!weights) return { total: 0, eliminated: false };
  let sum = 0;
  let eliminated = false;
  for (const c of grid) {
    const v = scores[c.key] ?? 0;
    sum += (v / c.scale) * c.weight;
    if (c.eliminatory && v === 0) eliminated = true;
  }
  return { total: Math.round((sum / weights) * 100 * 1000) / 1000, eliminated };
}

/** What is left of the envelope after the selected amounts (euros, summed in cents). */
export function envelopeLeft(envelope: number, amounts: readonly number[]): number {
  const used = amounts.reduce((s, a) => s + (toCents(a) ?? 0), 0);
  return ((toCents(envelope) ?? 0) - used) / 100;
}
