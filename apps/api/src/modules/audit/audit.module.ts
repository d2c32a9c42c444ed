import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { AuditController } from './audit.controller.js';
import { AuditReader } from './audit-reader.service.js';
import { AuditRepository } from './audit.repository.js';

/** Reading the audit log (writing it is AuditLog, a core provider every module uses). */
@Module({
  imports: [TenancyModule],
  controllers: [AuditController],
  providers: [AuditReader, AuditRepository],
})
export class AuditModule {}
