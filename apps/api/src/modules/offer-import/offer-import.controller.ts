// The partners' spreadsheet import over HTTP: the template (CSV, XLSX) and the upload (dry run or
// import). Rights are decided in the service by the policy; here only HTTP and OpenAPI.
import { BadRequestException, Controller, Get, HttpCode, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { IMPORT_LIMITS, type ImportReport } from '@catalogue/contracts';
import type { Request, Response } from 'express';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { ImportUpload } from '../../common/storage/document-upload.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { ImportReportDto } from '../../common/imports/import-report.dto.js';
import { OfferImportService, type UploadedSheet } from './offer-import.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `dryRun`: a multipart field (or the query), `true`/`false`; absent means a real import. */
function dryRunOf(req: Request): boolean {
  const raw = (req.body as Record<string, unknown> | undefined)?.dryRun ?? req.query.dryRun;
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new BadRequestException({
    code: 'invalid_parameter',
    message: 'dryRun doit valoir « true » ou « false »',
    parameter: 'dryRun',
  });
}

@ApiTags('Import de tableur (structures)')
@Controller('tenants/:slug/organizations/:id/offers')
@TenantScoped()
export class OfferImportController {
  constructor(private readonly imports: OfferImportService) {}

  @Get('import-template.csv')
  @SignedIn()
  @ApiOperation({
    summary: 'Modèle de tableur à remplir (CSV)',
    description: 'Colonnes en français, une ligne d’exemple ; séparateur `;`, UTF-8 avec BOM. Membres de la structure.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Le modèle CSV', schema: { type: 'string' } })
  async templateCsv(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = (await this.imports.template(actor, tenant, id, 'csv')) as string;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="modele-import-offres.csv"');
    res.setHeader('Cache-Control', 'no-store');
    return csv;
  }

  @Get('import-template.xlsx')
  @SignedIn()
  @ApiOperation({
    summary: 'Modèle de tableur à remplir (XLSX)',
    description:
      'Feuille « Offres » (colonnes, une ligne d’exemple, notes d’aide) et feuille « Aide » (aide de chaque colonne, codes acceptés et leurs libellés).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'Le modèle XLSX', schema: { type: 'string', format: 'binary' } })
  async templateXlsx(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
  ): Promise<StreamableFile> {
    const xlsx = (await this.imports.template(actor, tenant, id, 'xlsx')) as Buffer;
    return new StreamableFile(xlsx, {
      type: XLSX,
      disposition: 'attachment; filename="modele-import-offres.xlsx"',
    });
  }

  @Post('import')
  @HttpCode(200)
  @SignedIn()
  @ImportUpload(
    IMPORT_LIMITS.spreadsheetBytes,
    'Le tableur : CSV (UTF-8 ou Windows-1252, séparateur `;` ou `,`) ou XLSX',
    {
      dryRun: '`true` pour un essai : le rapport, sans rien enregistrer',
    },
  )
  @ApiOperation({
    summary: 'Importer des offres depuis un tableur',
    description: `Membres d’une structure validée. ${IMPORT_LIMITS.spreadsheetLines} lignes et 10 Mo au plus. Rapport ligne par ligne (l’en-tête est la ligne 1) ; les lignes valides deviennent des offres soumises à la modération, les autres sont ignorées. Le même fichier une seconde fois pour la structure : 409.`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Fichier illisible, vide, ou en-tête invalide (colonne inconnue ou obligatoire absente)',
  })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Structure non validée, ou rôle sans droit' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Ce fichier a déjà été importé (`already_imported`)' })
  import(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Req() req: Request & { file?: UploadedSheet },
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<ImportReport> {
    return this.imports.import(actor, tenant, id, req.file, dryRunOf(req), meta);
  }
}
