// How a use case finds an application and decides what its reader may do: the row, the policy's
// resource (its structure, and whether the reader instructs its call), the full view, and the
// translation of the state machine's refusals into 409s. Shared by the services of this module.
import { ConflictException, Injectable } from '@nestjs/common';
import type { Application, ApplicationRights } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import { notFound } from '../../common/errors/app-errors.js';
import { Policy, unauthenticated } from '../../common/policy/policy.service.js';
import { decide, type Action, type Resource } from '../../common/policy/policy.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { CallsReader } from '../calls/calls-reader.js';
import {
  InvalidApplicationTransition,
  plan,
  type ApplicationAction,
  type ApplicationFacts,
  type Plan,
} from './application-lifecycle.js';
import { toApplication } from './application.mapper.js';
import { ApplicationsRepository, type ApplicationRow, type ClockFacts } from './applications.repository.js';
import { InstructionRepository } from './instruction.repository.js';

export const DOSSIER = 'Dossier';

export const conflict = (code: string, message: string, extra: object = {}) =>
  new ConflictException({ code, message, ...extra });

@Injectable()
export class ApplicationAccess {
  constructor(
    private readonly repo: ApplicationsRepository,
    private readonly instruction: InstructionRepository,
    private readonly calls: CallsReader,
    private readonly policy: Policy,
  ) {}

  async resource(tenant: Tenant, actor: Actor | null, row: ApplicationRow): Promise<Resource> {
    return {
      tenantId: tenant.id,
      organizationId: row.organization_id,
      organizationStatus: row.organization_status,
      instructor: actor ? await this.calls.isInstructor(row.call_id, actor.userId) : false,
    };
  }

  /** The application if the actor may do `action` to it: 401, 404 (missing or hidden) or 403 otherwise. */
  async authorize(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    action: Action,
  ): Promise<{ actor: Actor; row: ApplicationRow; resource: Resource }> {
    const row = await this.repo.load(id);
    if (!row) {
      if (!actor) throw unauthenticated();
      throw notFound(DOSSIER);
    }
    const resource = await this.resource(tenant, actor, row);
    this.policy.authorize(actor, action, resource, DOSSIER);
    return { actor, row, resource };
  }

  /** The plan of `action`, or the 409 its refusal means. */
  plan(action: ApplicationAction, facts: ApplicationFacts): Plan {
    try {
      return plan(action, facts);
    } catch (e) {
      if (e instanceof InvalidApplicationTransition) throw conflict(e.code, e.message);
      throw e;
    }
  }

  facts(
    row: { status: ApplicationRow['status'] | null; call_status: ApplicationRow['call_status'] },
    clock: ClockFacts,
  ): ApplicationFacts {
    return {
      status: row.status,
      callStatus: row.call_status,
      callOpened: clock.opened,
      beforeDeadline: clock.before_deadline,
      beforeCompletionDue: clock.before_completion_due,
    };
  }

  /** The application as its reader sees it: scores for the call's instructors and the admins only. */
  async view(actor: Actor, tenant: Tenant, id: string): Promise<Application> {
    const row = (await this.repo.load(id))!;
    const resource = await this.resource(tenant, actor, row);
    const instructs = decide(actor, 'application.complete', resource) === 'allow';
    const [documents, events, scores] = await Promise.all([
      this.repo.documents(id),
      this.repo.events(id),
      instructs ? this.instruction.scores(id) : Promise.resolve(null),
    ]);
    return toApplication(row, { documents, events, scores, can: this.rights(actor, row, resource) });
  }

  /** What the reader may do now, on the application server's clock (a hint for the pages; the actions decide again). */
  rights(actor: Actor, row: ApplicationRow, resource: Resource): ApplicationRights {
    const now = Date.now();
    const facts: ApplicationFacts = {
      status: row.status,
      callStatus: row.call_status,
      callOpened: !!row.call_opens_at && row.call_opens_at.getTime() <= now,
      beforeDeadline: !!row.call_closes_at && Math.floor(now / 1000) * 1000 <= row.call_closes_at.getTime(),
      beforeCompletionDue: !!row.completion_due_at && Math.floor(now / 1000) * 1000 <= row.completion_due_at.getTime(),
    };
    const may = (a: Action, action: ApplicationAction) => {
      if (decide(actor, a, resource) !== 'allow') return false;
      try {
        plan(action, facts);
        return true;
      } catch {
        return false;
      }
    };
    return {
      edit: may('application.edit', { kind: 'edit' }),
      submit: may('application.edit', { kind: 'submit' }),
      withdraw: may('application.edit', { kind: 'withdraw' }),
      requestCompletion: may('application.complete', { kind: 'request_completion' }),
      score: may('application.score', { kind: 'score' }),
      decide: may('application.decide', { kind: 'decide', decision: 'rejected' }),
    };
  }
}
