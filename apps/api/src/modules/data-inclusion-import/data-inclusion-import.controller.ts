// The data·inclusion import over HTTP (multipart). Rights and rules are in the service.
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { IMPORT_LIMITS, type ImportReport } from '@catalogue/contracts';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { ImportUpload } from '../../common/storage/document-upload.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { ImportReportDto } from '../../common/imports/import-report.dto.js';
import { DataInclusionImportService } from './data-inclusion-import.service.js';

@ApiTags('Données ouvertes')
@Controller('tenants/:slug')
@TenantScoped()
export class DataInclusionImportController {
  constructor(private readonly imports: DataInclusionImportService) {}

  @Post('data-inclusion/import')
  @HttpCode(200)
  @SignedIn()
  @ImportUpload(
    IMPORT_LIMITS.dataInclusionBytes,
    'Fichier data·inclusion : liste JSON ou CSV (UTF-8, virgules, listes séparées par « | »)',
    {
      dryRun: '`true` : vérifier seulement (rien n’est enregistré) ; `false` par défaut',
      offerStatus: '`draft` (par défaut) ou `published` : l’état des offres créées',
      structureStatus: '`validated` (par défaut) ou `pending` : l’état des structures créées',
      kind: '`auto` (par défaut : un enregistrement avec `structure_id` est un service), `structures` ou `services`',
    },
  )
  @ApiOperation({
    summary: 'Importer un fichier data·inclusion (structures et services)',
    description:
      'Administrateurs du département. Chaque enregistrement est vérifié (schéma data·inclusion 1.0.8, codes des référentiels, communes et zones du département, longueurs) ; une ligne fautive est refusée avec ses raisons, les autres sont créées, mises à jour ou laissées inchangées. Idempotent par source et identifiant : un second envoi du même fichier ne change rien. `dryRun=true` donne le même rapport sans rien enregistrer.',
  })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Fichier illisible ou champ invalide, nommé dans `parameter`',
  })
  import(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Req() req: Request & { file?: { buffer: Buffer; originalname: string }; body?: Record<string, unknown> },
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<ImportReport> {
    return this.imports.import(actor, tenant, req.file, req.body, meta);
  }
}
