// What the applications module reads of a call: its state, its dates, its form, its documents,
// its grid, its envelope and fiches; and who instructs it. Within the current request's tenant.
import { Injectable } from '@nestjs/common';
import type { CallDocumentRequirement, CallQuestion, CallStatus, GridCriterion } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface CallForApplications {
  id: string;
  title: string;
  status: CallStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  questions: CallQuestion[];
  documents: CallDocumentRequirement[];
  grid: GridCriterion[];
  envelopeCents: number;
  ficheIds: string[];
}

export interface CallInstructor {
  userId: string;
  name: string;
  email: string;
}

@Injectable()
export class CallsReader {
  constructor(private readonly db: TenantTransaction) {}

  /** The call, or null when this tenant has none with this id. `lock`: FOR SHARE (a submission against a closing call). */
  async forApplications(callId: string, lock = false): Promise<CallForApplications | null> {
    const rows: {
      id: string;
      title: string;
      status: CallStatus;
      opens_at: Date | null;
      closes_at: Date | null;
      questions: CallQuestion[];
      documents: CallDocumentRequirement[];
      grid: GridCriterion[];
      envelope_cents: string;
      fiche_ids: string[];
    }[] = await this.db.manager().query(
      `SELECT c.id, c.title, c.status, c.opens_at, c.closes_at, c.questions, c.documents, c.grid, c.envelope_cents,
              coalesce((SELECT array_agg(cf.fiche_id) FROM funding_call_fiche cf
                         WHERE cf.tenant_id = c.tenant_id AND cf.call_id = c.id), '{}') AS fiche_ids
         FROM funding_call c
        WHERE c.tenant_id = $1 AND c.id = $2
        ${lock ? 'FOR SHARE OF c' : ''}`,
      [this.db.tenant().id, callId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      title: r.title,
      status: r.status,
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      questions: r.questions,
      documents: r.documents,
      grid: r.grid,
      envelopeCents: Number(r.envelope_cents),
      ficheIds: r.fiche_ids,
    };
  }

  /**
   * Locks the call's row FOR UPDATE until the end of the transaction: the decisions on its
   * applications take turns, so that each one sums what was granted before it against the envelope.
   */
  async lockForDecision(callId: string): Promise<boolean> {
    const rows: unknown[] = await this.db
      .manager()
      .query(`SELECT 1 FROM funding_call WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [this.db.tenant().id, callId]);
    return rows.length > 0;
  }

  /** Whether the user is one of the agents assigned to the call. */
  async isInstructor(callId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.db
      .manager()
      .query(`SELECT 1 FROM funding_call_instructor WHERE tenant_id = $1 AND call_id = $2 AND user_id = $3`, [
        this.db.tenant().id,
        callId,
        userId,
      ]);
    return rows.length > 0;
  }

  /** The call's assigned agents, by name. */
  async instructorsOf(callId: string): Promise<CallInstructor[]> {
    const rows: { user_id: string; name: string; email: string }[] = await this.db.manager().query(
      `SELECT i.user_id, u.name, u.email
         FROM funding_call_instructor i JOIN app_user u ON u.id = i.user_id
        WHERE i.tenant_id = $1 AND i.call_id = $2
        ORDER BY u.name, u.email`,
      [this.db.tenant().id, callId],
    );
    return rows.map((r) => ({ userId: r.user_id, name: r.name, email: r.email }));
  }
}
