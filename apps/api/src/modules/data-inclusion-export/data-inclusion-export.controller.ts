// The open data export over HTTP: public, cached by ETag / Last-Modified, streamed.
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OPEN_DATA_LICENCE, type DataInclusionExportInfo } from '@catalogue/contracts';
import { Public } from '../../common/access/access.decorator.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import type { ExportKind } from './data-inclusion-export.repository.js';
import { DataInclusionExportService, isNotModified, type ExportFormat } from './data-inclusion-export.service.js';
import { DataInclusionExportInfoDto } from './data-inclusion-export.dto.js';
import {
  SERVICE_OPENAPI_SCHEMA,
  STRUCTURE_OPENAPI_SCHEMA,
} from '../../common/data-inclusion/data-inclusion-schemas.js';
import { streamTo } from './stream-response.js';

const CACHE_CONTROL = 'public, max-age=300';
const HEADERS =
  'Licence Ouverte 2.0 (en-tête `Link: <…>; rel="license"`). En-têtes `ETag` (fort) et `Last-Modified` : une requête conditionnelle (`If-None-Match`, `If-Modified-Since`) reçoit 304 si rien n’a changé ; `Cache-Control: public, max-age=300`. Réponse envoyée par lots (diffusion continue).';
const SERVICES =
  'Les offres publiées des structures validées, au schéma data·inclusion (version 1.0.8) : une offre = un service, `id` stable d’un export à l’autre.';
const STRUCTURES = 'Les structures validées, au schéma data·inclusion (version 1.0.8), avec leur SIRET.';
const CSV_FORM =
  'CSV RFC 4180, séparateur virgule, UTF-8 avec BOM ; en-tête = noms des champs du schéma ; liste = codes séparés par `|` ; valeur nulle = cellule vide.';

const jsonArray = (items: Record<string, unknown>) => ({
  description: 'Tableau JSON des enregistrements',
  schema: { type: 'array' as const, items },
});
const notModified = { status: 304, description: 'Inchangé depuis la copie du client' };

@ApiTags('Données ouvertes')
@Controller('tenants/:slug/data-inclusion')
@TenantScoped()
@ApiExtraModels(DataInclusionExportInfoDto)
export class DataInclusionExportController {
  constructor(private readonly exports: DataInclusionExportService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Données ouvertes du département : licence, version du schéma, nombres, dernière mise à jour, adresses',
  })
  @ApiOkResponse({ type: DataInclusionExportInfoDto })
  info(@CurrentTenant() tenant: Tenant, @Res({ passthrough: true }) res: Response): Promise<DataInclusionExportInfo> {
    res.setHeader('Cache-Control', CACHE_CONTROL);
    res.setHeader('Link', `<${OPEN_DATA_LICENCE.url}>; rel="license"`);
    return this.exports.info(tenant);
  }

  @Get('structures')
  @Public()
  @ApiOperation({ summary: 'Structures au schéma data·inclusion (JSON)', description: `${STRUCTURES} ${HEADERS}` })
  @ApiOkResponse(jsonArray(STRUCTURE_OPENAPI_SCHEMA))
  @ApiResponse(notModified)
  structures(@CurrentTenant() tenant: Tenant, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(tenant, 'structures', 'json', false, req, res);
  }

  @Get('structures.json')
  @Public()
  @ApiOperation({
    summary: 'Structures au schéma data·inclusion (fichier JSON)',
    description: `${STRUCTURES} ${HEADERS}`,
  })
  @ApiProduces('application/json')
  @ApiOkResponse(jsonArray(STRUCTURE_OPENAPI_SCHEMA))
  @ApiResponse(notModified)
  structuresJson(@CurrentTenant() tenant: Tenant, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(tenant, 'structures', 'json', true, req, res);
  }

  @Get('structures.csv')
  @Public()
  @ApiOperation({
    summary: 'Structures au schéma data·inclusion (fichier CSV)',
    description: `${STRUCTURES} ${CSV_FORM} ${HEADERS}`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Le fichier CSV', schema: { type: 'string' } })
  @ApiResponse(notModified)
  structuresCsv(@CurrentTenant() tenant: Tenant, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(tenant, 'structures', 'csv', true, req, res);
  }

  @Get('services')
  @Public()
  @ApiOperation({ summary: 'Services au schéma data·inclusion (JSON)', description: `${SERVICES} ${HEADERS}` })
  @ApiOkResponse(jsonArray(SERVICE_OPENAPI_SCHEMA))
  @ApiResponse(notModified)
  services(@CurrentTenant() tenant: Tenant, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(tenant, 'services', 'json', false, req, res);
  }

  @Get('services.json')
  @Public()
  @ApiOperation({ summary: 'Services au schéma data·inclusion (fichier JSON)', description: `${SERVICES} ${HEADERS}` })
  @ApiProduces('application/json')
  @ApiOkResponse(jsonArray(SERVICE_OPENAPI_SCHEMA))
  @ApiResponse(notModified)
  servicesJson(@CurrentTenant() tenant: Tenant, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(tenant, 'services', 'json', true, req, res);
  }

  @Get('services.csv')
  @Public()
  @ApiOperation({
    summary: 'Services au schéma data·inclusion (fichier CSV)',
    description: `${SERVICES} ${CSV_FORM} ${HEADERS}`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Le fichier CSV', schema: { type: 'string' } })
  @ApiResponse(notModified)
  servicesCsv(@CurrentTenant() tenant: Tenant, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(tenant, 'services', 'csv', true, req, res);
  }

  /** Headers, then 304 or the body streamed inside the request's tenant transaction (awaited here). */
  private async send(
    tenant: Tenant,
    kind: ExportKind,
    format: ExportFormat,
    asFile: boolean,
    req: Request,
    res: Response,
  ): Promise<void> {
    const prepared = await this.exports.prepare(tenant, kind, format);
    res.setHeader('ETag', prepared.etag);
    if (prepared.lastModified) res.setHeader('Last-Modified', prepared.lastModified.toUTCString());
    res.setHeader('Cache-Control', CACHE_CONTROL);
    res.setHeader('Link', `<${OPEN_DATA_LICENCE.url}>; rel="license"`);
    if (isNotModified(prepared, req.header('if-none-match'), req.header('if-modified-since'))) {
      res.status(304).end();
      return;
    }
    res.status(200);
    res.setHeader('Content-Type', prepared.contentType);
    if (asFile) res.setHeader('Content-Disposition', `attachment; filename="${prepared.filename}"`);
    await streamTo(res, prepared.chunks());
  }
}
