// From rows to the contracts' shapes (funding.ts): euros from cents, ISO dates.
import {
  fromCents,
  type Application,
  type ApplicationDocument,
  type ApplicationEvent,
  type ApplicationListItem,
  type ApplicationRights,
  type ApplicationScore,
} from '@catalogue/contracts';
import type { ApplicationRow, DocumentRow, EventRow } from './applications.repository.js';
import type { ScoreRow } from './instruction.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toDocument = (d: DocumentRow): ApplicationDocument => ({
  id: d.id,
  key: d.key,
  fileName: d.file_name,
  mediaType: d.media_type,
  sizeBytes: Number(d.size_bytes),
  uploadedAt: d.uploaded_at.toISOString(),
});

export const toEvent = (e: EventRow): ApplicationEvent => ({
  kind: e.kind,
  fromStatus: e.from_status,
  toStatus: e.to_status,
  actorName: e.actor_name,
  message: e.message,
  at: e.at.toISOString(),
});

export const toScore = (s: ScoreRow): ApplicationScore => ({
  instructorId: s.instructor_id,
  instructorName: s.instructor_name,
  scores: s.scores,
  comment: s.comment,
  total: Number(s.total),
  eliminated: s.eliminated,
  scoredAt: s.scored_at.toISOString(),
});

export const toListItem = (r: ApplicationRow): ApplicationListItem => ({
  id: r.id,
  callId: r.call_id,
  callTitle: r.call_title,
  callClosesAt: iso(r.call_closes_at),
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  status: r.status,
  amountRequested: fromCents(r.amount_requested_cents),
  amountGranted: fromCents(r.amount_granted_cents),
  submittedAt: iso(r.submitted_at),
  updatedAt: r.updated_at.toISOString(),
  agreementId: r.agreement_id,
});

export function toApplication(
  r: ApplicationRow,
  parts: {
    documents: DocumentRow[];
    events: EventRow[];
    scores: ScoreRow[] | null;
    can: ApplicationRights;
  },
): Application {
  return {
    id: r.id,
    callId: r.call_id,
    callTitle: r.call_title,
    callClosesAt: iso(r.call_closes_at),
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    status: r.status,
    answers: r.answers,
    amountRequested: fromCents(r.amount_requested_cents),
    amountGranted: fromCents(r.amount_granted_cents),
    decisionReasons: r.decision_reasons,
    completionMessage: r.completion_message,
    completionDueAt: iso(r.completion_due_at),
    submittedAt: iso(r.submitted_at),
    decidedAt: iso(r.decided_at),
    documents: parts.documents.map(toDocument),
    events: parts.events.map(toEvent),
    ...(parts.scores ? { scores: parts.scores.map(toScore) } : {}),
    agreementId: r.agreement_id,
    hasLetter: r.letter_storage_key !== null,
    can: parts.can,
    version: r.version,
  };
}
