// An application's documents and its decision letter: uploads checked from their bytes (never
// their name), kept by the one storage interface, sent back only to those who may read the
// application, always as downloads.
import { Inject, Injectable } from '@nestjs/common';
import { CALL_LIMITS, KEY_PATTERN, type ApplicationDocument } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { invalidParameter, notFound } from '../../common/errors/app-errors.js';
import { checkDocument, type UploadedDocument } from '../../common/storage/documents.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { CallsReader } from '../calls/calls-reader.js';
import { ApplicationAccess, conflict } from './application-access.js';
import { toDocument } from './application.mapper.js';
import { ApplicationsRepository } from './applications.repository.js';

export interface StoredDocument {
  fileName: string;
  mediaType: string;
  data: Buffer;
}

@Injectable()
export class ApplicationDocumentsService {
  constructor(
    private readonly repo: ApplicationsRepository,
    private readonly access: ApplicationAccess,
    private readonly calls: CallsReader,
    private readonly storage: FileStorage,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  async upload(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    key: unknown,
    file: UploadedDocument | undefined,
    meta: RequestMetaValue,
  ): Promise<ApplicationDocument> {
    const { actor: member, row } = await this.access.authorize(actor, tenant, id, 'application.edit');
    this.access.plan({ kind: 'edit' }, this.access.facts(row, await this.repo.clock(row.call_id, id)));
    const call = (await this.calls.forApplications(row.call_id))!;
    const keys = new Set([
      ...call.questions.filter((q) => q.type === 'file').map((q) => q.key),
      ...call.documents.map((d) => d.key),
    ]);
    if (typeof key !== 'string' || !KEY_PATTERN.test(key) || !keys.has(key))
      throw invalidParameter('key', 'must name a file question or a document the call asks for');
    const doc = await checkDocument(file, this.settings.uploadMaxBytes);
    const stored = await this.storage.put('applications', doc.buffer);
    const result = await this.repo.insertDocument(
      id,
      {
        key,
        fileName: doc.fileName,
        mediaType: doc.mediaType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        storageKey: stored.key,
      },
      member.userId,
      CALL_LIMITS.documentsPerApplication,
    );
    if (typeof result === 'string') {
      await this.storage.delete(stored.key);
      if (result === 'too_many')
        throw conflict(
          'too_many_documents',
          `Un dossier compte ${CALL_LIMITS.documentsPerApplication} pièces au plus : retirez-en une avant d’en joindre une autre.`,
        );
      throw conflict('invalid_transition', 'Ce dossier n’est plus modifiable.');
    }
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor: member,
      action: 'application.document_added',
      targetType: 'application',
      targetId: id,
      summary: `Pièce « ${doc.fileName} » jointe au dossier de ${row.organization_name}`,
      ip: meta.ip,
    });
    return toDocument((await this.repo.document(id, result.id))!);
  }

  async download(actor: Actor | null, tenant: Tenant, id: string, documentId: string): Promise<StoredDocument> {
    await this.access.authorize(actor, tenant, id, 'application.read');
    const doc = await this.repo.document(id, documentId);
    if (!doc) throw notFound('Pièce');
    return { fileName: doc.file_name, mediaType: doc.media_type, data: await this.storage.read(doc.storage_key) };
  }

  async remove(actor: Actor | null, tenant: Tenant, id: string, documentId: string, meta: RequestMetaValue) {
    const { actor: member, row } = await this.access.authorize(actor, tenant, id, 'application.edit');
    this.access.plan({ kind: 'edit' }, this.access.facts(row, await this.repo.clock(row.call_id, id)));
    const key = await this.repo.deleteDocument(id, documentId);
    if (!key) throw notFound('Pièce');
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor: member,
      action: 'application.document_removed',
      targetType: 'application',
      targetId: id,
      summary: `Pièce retirée du dossier de ${row.organization_name}`,
      ip: meta.ip,
    });
    // Last: a failure before this point leaves the file with its row.
    await this.storage.delete(key);
  }

  /** The decision letter, once the decision is made. */
  async letter(actor: Actor | null, tenant: Tenant, id: string): Promise<StoredDocument> {
    const { row } = await this.access.authorize(actor, tenant, id, 'application.read');
    if (!row.letter_storage_key) throw notFound('Courrier de décision');
    return {
      fileName: `decision-${row.id.slice(0, 8)}.pdf`,
      mediaType: 'application/pdf',
      data: await this.storage.read(row.letter_storage_key),
    };
  }
}
