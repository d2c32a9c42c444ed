import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_SETTINGS, type AppSettings } from '../config/settings.js';
import { RateLimiter } from './auth/rate-limiter.js';
import { SessionsRepository } from './auth/sessions.repository.js';
import { Policy } from './policy/policy.service.js';
import { Outbox } from './outbox/outbox.js';
import { AuditLog } from './audit/audit-log.js';
import { FileStorage, FilesystemStorage } from './storage/file-storage.js';
import { DocumentUploadInterceptor } from './storage/document-upload.js';

/** What every module may use: settings, sessions, the policy, rate limits, the outbox, the audit log and the file storage. */
@Global()
@Module({})
export class CoreModule {
  static with(settings: AppSettings): DynamicModule {
    const providers = [
      { provide: APP_SETTINGS, useValue: settings },
      SessionsRepository,
      Policy,
      RateLimiter,
      Outbox,
      AuditLog,
      { provide: FileStorage, useValue: new FilesystemStorage(settings.filesDir) },
      DocumentUploadInterceptor,
    ];
    return { module: CoreModule, providers, exports: providers };
  }
}
