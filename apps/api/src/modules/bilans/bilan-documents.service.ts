// A bilan's attachments: uploads checked from their bytes (never their name), kept by the one
// storage interface, sent back only to those who may read the bilan, always as downloads; added
// and removed by the structure while it holds the bilan (open, changes requested).
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { BilanDocument } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import { checkDocument, type UploadedDocument } from '../../common/storage/documents.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { possible } from './bilan-lifecycle.js';
import { BilansRepository } from './bilans.repository.js';
import { BilansService } from './bilans.service.js';

/** Attachments per bilan. */
export const BILAN_DOCUMENTS_MAX = 20;

const conflict = (code: string, message: string) => new ConflictException({ code, message });
const NOT_EDITABLE = 'Ce bilan n’est plus modifiable : les pièces ne peuvent plus changer.';

@Injectable()
export class BilanDocumentsService {
  constructor(
    private readonly bilans: BilansService,
    private readonly repo: BilansRepository,
    private readonly storage: FileStorage,
    private readonly policy: Policy,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  async upload(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    file: UploadedDocument | undefined,
    meta: RequestMetaValue,
  ): Promise<BilanDocument> {
    const r = await this.bilans.readable(actor, tenant, id);
    this.policy.authorize(actor, 'bilan.edit', { tenantId: tenant.id, organizationId: r.organization_id }, 'Bilan');
    if (!possible('edit', r.status)) throw conflict('invalid_transition', NOT_EDITABLE);
    const doc = await checkDocument(file, this.settings.uploadMaxBytes);
    const stored = await this.storage.put('bilans', doc.buffer);
    const result = await this.repo.insertDocument(
      id,
      {
        fileName: doc.fileName,
        mediaType: doc.mediaType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        storageKey: stored.key,
      },
      actor.userId,
      BILAN_DOCUMENTS_MAX,
    );
    if (typeof result === 'string') {
      await this.storage.delete(stored.key);
      if (result === 'too_many')
        throw conflict(
          'too_many_documents',
          `Un bilan compte ${BILAN_DOCUMENTS_MAX} pièces au plus : retirez-en une avant d’en joindre une autre.`,
        );
      throw conflict('invalid_transition', NOT_EDITABLE);
    }
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'bilan.document_added',
      targetType: 'bilan',
      targetId: id,
      summary: `Pièce « ${doc.fileName} » jointe au bilan ${r.year} de ${r.organization_name}`,
      ip: meta.ip,
    });
    const d = (await this.repo.document(id, result.id))!;
    return {
      id: d.id,
      fileName: d.file_name,
      mediaType: d.media_type,
      sizeBytes: Number(d.size_bytes),
      uploadedAt: d.created_at.toISOString(),
    };
  }

  async download(
    actor: Actor | null,
    tenant: Tenant,
    id: string,
    documentId: string,
  ): Promise<{ fileName: string; mediaType: string; data: Buffer }> {
    await this.bilans.readable(actor, tenant, id);
    const doc = await this.repo.document(id, documentId);
    if (!doc) throw notFound('Pièce');
    return { fileName: doc.file_name, mediaType: doc.media_type, data: await this.storage.read(doc.storage_key) };
  }

  async remove(actor: Actor | null, tenant: Tenant, id: string, documentId: string, meta: RequestMetaValue) {
    const r = await this.bilans.readable(actor, tenant, id);
    this.policy.authorize(actor, 'bilan.edit', { tenantId: tenant.id, organizationId: r.organization_id }, 'Bilan');
    const locked = (await this.repo.load(id, true))!;
    if (!possible('edit', locked.status)) throw conflict('invalid_transition', NOT_EDITABLE);
    const key = await this.repo.deleteDocument(id, documentId);
    if (!key) throw notFound('Pièce');
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'bilan.document_removed',
      targetType: 'bilan',
      targetId: id,
      summary: `Pièce retirée du bilan ${r.year} de ${r.organization_name}`,
      ip: meta.ip,
    });
    // Last: a failure before this point leaves the file with its row.
    await this.storage.delete(key);
  }
}
