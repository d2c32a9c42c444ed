// A call's own documents (règlement, annexes: uploaded by agents while the call is a draft or
// published, downloadable by anyone once it is public) and its instructors (the agents the admins
// assign). The file's type is read from its bytes (checkDocument); files go through FileStorage.
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { textProblem, type Call } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidFields, notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import { checkDocument, type UploadedDocument } from '../../common/storage/documents.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { CallsRepository } from './calls.repository.js';
import { CallsService } from './calls.service.js';

const CALL = 'Appel à projets';
const DOCUMENT = 'Document';
/** A call's own documents, at most. */
export const CALL_DOCUMENTS_MAX = 20;

@Injectable()
export class CallDocumentsService {
  constructor(
    private readonly repo: CallsRepository,
    private readonly calls: CallsService,
    private readonly storage: FileStorage,
    private readonly policy: Policy,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  async upload(
    actor: Actor | null,
    tenant: Tenant,
    callId: string,
    label: unknown,
    file: UploadedDocument | undefined,
    meta: RequestMetaValue,
  ): Promise<Call> {
    this.policy.authorize(actor, 'call.manage', { tenantId: tenant.id }, CALL);
    const row = await this.repo.get(callId, true);
    if (!row) throw notFound(CALL);
    if (row.status !== 'draft' && row.status !== 'published')
      throw new ConflictException({
        code: 'not_editable',
        message: 'Un appel clos, décidé ou retiré ne se modifie plus.',
      });
    const text = typeof label === 'string' ? label.trim() : '';
    if (!text || text.length > 300 || textProblem(text))
      throw invalidFields([{ field: 'label', message: 'Intitulé du document : 1 à 300 caractères' }]);
    if ((await this.repo.documents(callId)).length >= CALL_DOCUMENTS_MAX)
      throw invalidFields([{ field: 'file', message: `${CALL_DOCUMENTS_MAX} documents au plus par appel` }]);
    const doc = await checkDocument(file, this.settings.uploadMaxBytes);
    const stored = await this.storage.put('calls', doc.buffer);
    try {
      const id = await this.repo.insertDocument(
        callId,
        {
          label: text,
          fileName: doc.fileName,
          mediaType: doc.mediaType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          storageKey: stored.key,
        },
        actor.userId,
      );
      await this.audit.record(this.db.manager(), {
        tenantId: tenant.id,
        actor,
        action: 'call.document.add',
        targetType: 'funding_call_document',
        targetId: id,
        summary: `Document « ${text} » (${doc.fileName}) ajouté à l’appel « ${row.title} »`,
        ip: meta.ip,
      });
    } catch (e) {
      await this.storage.delete(stored.key);
      throw e;
    }
    return this.calls.view(actor, tenant, (await this.repo.get(callId))!);
  }

  /** A public call's document (a draft's only for agents). */
  async download(actor: Actor | null, tenant: Tenant, callId: string, docId: string) {
    const row = await this.repo.get(callId);
    if (!row || (row.status === 'draft' && !this.policy.can(actor, 'call.manage', { tenantId: tenant.id })))
      throw notFound(DOCUMENT);
    const doc = await this.repo.document(callId, docId);
    if (!doc) throw notFound(DOCUMENT);
    return { fileName: doc.file_name, mediaType: doc.media_type, data: await this.storage.read(doc.storage_key) };
  }

  async remove(
    actor: Actor | null,
    tenant: Tenant,
    callId: string,
    docId: string,
    meta: RequestMetaValue,
  ): Promise<Call> {
    this.policy.authorize(actor, 'call.manage', { tenantId: tenant.id }, CALL);
    const row = await this.repo.get(callId, true);
    if (!row) throw notFound(CALL);
    const doc = await this.repo.document(callId, docId);
    if (!doc) throw notFound(DOCUMENT);
    if (row.status !== 'draft' && row.status !== 'published')
      throw new ConflictException({
        code: 'not_editable',
        message: 'Un appel clos, décidé ou retiré ne se modifie plus.',
      });
    await this.repo.deleteDocument(callId, docId);
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'call.document.remove',
      targetType: 'funding_call_document',
      targetId: docId,
      summary: `Document « ${doc.label} » retiré de l’appel « ${row.title} »`,
      ip: meta.ip,
    });
    // The file goes once the row is gone; a failure here leaves an orphan file, never a dangling row.
    await this.storage.delete(doc.storage_key).catch(() => undefined);
    return this.calls.view(actor, tenant, (await this.repo.get(callId))!);
  }

  async setInstructors(
    actor: Actor | null,
    tenant: Tenant,
    callId: string,
    userIds: string[],
    meta: RequestMetaValue,
  ): Promise<Call> {
    this.policy.authorize(actor, 'call.instructors', { tenantId: tenant.id }, CALL);
    const row = await this.repo.get(callId, true);
    if (!row) throw notFound(CALL);
    const unique = [...new Set(userIds)];
    const staff = await this.repo.activeStaff(unique);
    const errors = userIds.flatMap((id, i) =>
      staff.has(id) ? [] : [{ field: `userIds.${i}`, message: 'Pas un agent actif du département' }],
    );
    if (errors.length) throw invalidFields(errors);
    await this.repo.setInstructors(callId, unique, actor.userId);
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'call.instructors',
      targetType: 'funding_call',
      targetId: callId,
      summary: `Instructeurs de l’appel « ${row.title} » : ${unique.length} agent(s)`,
      ip: meta.ip,
    });
    return this.calls.view(actor, tenant, (await this.repo.get(callId))!);
  }
}
