import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ACCESS_MODES,
  AUDIENCES,
  COSTS,
  FUNDING_SOURCES,
  MOBILISATION_MODES,
  MOBILISERS,
  ORGANIZATION_KINDS,
  RECEPTION_MODES,
  SERVICE_TYPES,
  THEME_CATEGORIES,
  THEMES,
  ZONE_TYPES,
} from '@catalogue/domain';
import { Public } from '../../common/access/access.decorator.js';
import { TaxonomyDto } from './taxonomy.dto.js';

const item = ({ code, label }: { code: string; label: string }) => ({ code, label });

/** Built once: the reference lists never change while the process runs. */
const TAXONOMY: TaxonomyDto = {
  themeCategories: THEME_CATEGORIES.map(item),
  themes: THEMES.map((t) => ({ code: t.code, label: t.label, category: t.category })),
  audiences: AUDIENCES.map(item),
  costs: COSTS.map(item),
  modes: RECEPTION_MODES.map(item),
  accessModes: ACCESS_MODES.map(item),
  mobilisationModes: MOBILISATION_MODES.map(item),
  mobilisers: MOBILISERS.map(item),
  serviceTypes: SERVICE_TYPES.map(item),
  organizationKinds: ORGANIZATION_KINDS.map(item),
  fundingSources: FUNDING_SOURCES.map(item),
  zoneTypes: ZONE_TYPES.map(item),
};

@ApiTags('Référentiels')
@Controller('taxonomy')
export class TaxonomyController {
  @Get()
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({
    summary: 'Les référentiels du catalogue',
    description:
      'Thématiques, publics, frais, modes d’accueil et de mobilisation alignés sur les référentiels data·inclusion v1.',
  })
  @ApiOkResponse({ type: TaxonomyDto })
  get(): TaxonomyDto {
    return TAXONOMY;
  }
}
