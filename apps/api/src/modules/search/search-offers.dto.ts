import {
  INPUT_LIMITS,
  MAP_LIMITS,
  SEARCH_LIMITS,
  type FacetCount,
  type OfferMapPoint,
  type OfferMapResult,
  type OrganizationRef,
  type PlaceSummary,
  type SearchFacets,
  type OfferSearchResult,
  type OfferSummary,
} from '@catalogue/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ACCESS_MODE_CODES, AUDIENCE_CODES, isThemeFilterCode, RECEPTION_MODE_CODES } from '@catalogue/domain';
import {
  CommaList,
  IsBbox,
  IsCodeList,
  QueryBbox,
  QueryBoolean,
  QueryNumber,
} from '../../common/validation/query-transforms.js';

export const MAX_PAGE_SIZE = SEARCH_LIMITS.maxPageSize;
export const MAX_RADIUS_KM = SEARCH_LIMITS.maxRadiusKm;
export const DEFAULT_RADIUS_KM = SEARCH_LIMITS.defaultRadiusKm;

/** What selects the offers: the search's parameters but the page (shared by the list and the map). */
export class OfferFiltersQueryDto {
  @ApiPropertyOptional({
    description: 'Texte libre (accents, pluriels et fautes de frappe tolérés)',
    example: 'garage solidaire',
  })
  @IsOptional()
  @MaxLength(SEARCH_LIMITS.maxQueryLength)
  @IsString()
  q?: string;

  @ApiPropertyOptional({ description: 'Latitude du point de recherche (avec lng)', example: 44.933 })
  @IsOptional()
  @QueryNumber()
  @Min(-90)
  @Max(90)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  lat?: number;

  @ApiPropertyOptional({ description: 'Longitude du point de recherche (avec lat)', example: 4.892 })
  @IsOptional()
  @QueryNumber()
  @Min(-180)
  @Max(180)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  lng?: number;

  @ApiPropertyOptional({
    description:
      "Code INSEE d'une commune du département : recherche autour de son centre, et les offres dont la zone de diffusion couvre cette commune",
    example: '26362',
  })
  @IsOptional()
  @Matches(/^[0-9][0-9AB][0-9]{3}$/, { message: 'commune must be an INSEE code (5 characters)' })
  @IsString()
  commune?: string;

  @ApiPropertyOptional({
    description: `Rayon en km autour du point (défaut ${DEFAULT_RADIUS_KM}, max ${MAX_RADIUS_KM})`,
    example: 15,
  })
  @IsOptional()
  @QueryNumber()
  @Min(0.1)
  @Max(MAX_RADIUS_KM)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  radiusKm?: number;

  @ApiPropertyOptional({
    description:
      'Rectangle de la carte `lngMin,latMin,lngMax,latMax` (degrés WGS 84, min < max) : seulement les offres ayant au moins un lieu dedans (les offres sans lieu sont écartées). Se combine avec tous les autres paramètres.',
    example: '4.80,44.85,5.10,45.10',
    type: String,
  })
  @IsOptional()
  @QueryBbox()
  @IsBbox()
  bbox?: [number, number, number, number];

  @ApiPropertyOptional({
    description: 'Thématiques ou catégories (liste séparée par des virgules, une au moins)',
    example: 'mobilite',
  })
  @IsOptional()
  @CommaList()
  @IsCodeList(isThemeFilterCode, 'theme')
  themes?: string[];

  @ApiPropertyOptional({
    description: 'Publics (liste séparée par des virgules, un au moins) ; les offres « tous publics » en font partie',
    example: 'jeunes',
  })
  @IsOptional()
  @CommaList()
  @IsCodeList(AUDIENCE_CODES, 'audience')
  audiences?: string[];

  @ApiPropertyOptional({
    description: "Modes d'accès : prescription, self_registration, open (liste)",
    example: 'self_registration',
  })
  @IsOptional()
  @CommaList()
  @IsCodeList(ACCESS_MODE_CODES, 'access mode')
  access?: string[];

  @ApiPropertyOptional({ description: "Modes d'accueil : en-presentiel, a-distance (liste)", example: 'a-distance' })
  @IsOptional()
  @CommaList()
  @IsCodeList(RECEPTION_MODE_CODES, 'mode')
  modes?: string[];

  @ApiPropertyOptional({
    description: 'true : seulement les offres ayant une session en cours ou à venir avec des places',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  hasPlaces?: boolean;
}

export class SearchOffersQueryDto extends OfferFiltersQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: INPUT_LIMITS.maxPage })
  @IsOptional()
  @QueryNumber()
  @Min(1)
  @Max(INPUT_LIMITS.maxPage)
  @IsInt()
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @QueryNumber()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  @IsInt()
  pageSize?: number;
}

export class OrganizationRefDto implements OrganizationRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Garage solidaire du Valentinois' }) name!: string;
}

export class PlaceSummaryDto implements PlaceSummary {
  @ApiProperty({ example: 'Valence', description: 'Nom de la commune' }) commune!: string;
  @ApiProperty({ example: '26362' }) communeInsee!: string;
  @ApiProperty({ example: 44.93 }) lat!: number;
  @ApiProperty({ example: 4.89 }) lng!: number;
}

export class OfferSummaryDto implements OfferSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: OrganizationRefDto }) organization!: OrganizationRefDto;
  @ApiProperty({ type: [String], example: ['mobilite--preparer-un-permis'] }) themes!: string[];
  @ApiProperty({ type: [String], example: ['beneficiaires-des-minimas-sociaux'] }) audiences!: string[];
  @ApiProperty({ enum: ['prescription', 'self_registration', 'open'] }) access!: string;
  @ApiProperty({ type: [String], example: ['en-presentiel'] }) modes!: string[];
  @ApiProperty({ description: 'Une session en cours ou à venir a des places' }) hasPlaces!: boolean;
  @ApiProperty({ type: [PlaceSummaryDto] }) places!: PlaceSummaryDto[];
  @ApiPropertyOptional({
    description: 'Distance du lieu le plus proche, si un point est donné (null : à distance)',
    nullable: true,
    type: Number,
  })
  distanceKm?: number | null;
}

export class FacetCountDto implements FacetCount {
  @ApiProperty() code!: string;
  @ApiProperty() count!: number;
}

export class SearchFacetsDto implements SearchFacets {
  @ApiProperty({ type: [FacetCountDto], description: 'Thématiques et catégories' }) themes!: FacetCountDto[];
  @ApiProperty({ type: [FacetCountDto] }) audiences!: FacetCountDto[];
  @ApiProperty({ type: [FacetCountDto] }) access!: FacetCountDto[];
  @ApiProperty({ type: [FacetCountDto] }) modes!: FacetCountDto[];
  @ApiProperty({ type: [FacetCountDto], description: 'Codes "true" / "false"' }) hasPlaces!: FacetCountDto[];
}

export class SearchOffersResponseDto implements OfferSearchResult {
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [OfferSummaryDto] }) items!: OfferSummaryDto[];
  @ApiProperty({
    type: SearchFacetsDto,
    description:
      "Comptes par valeur sur l'ensemble des résultats filtrés. Chaque facette ignore son propre filtre (facettes disjonctives) : le compte d'une valeur est le total obtenu en ajoutant ce filtre seul.",
  })
  facets!: SearchFacetsDto;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'mobilité',
    description:
      'La recherche effectuée quand un mot de `q` ne figure dans aucune offre et a été lu comme le mot le plus proche du catalogue (« mobilté » → « mobilité ») : `q` avec chaque mot corrigé écrit comme dans les offres ; null sans correction.',
  })
  correctedQuery!: string | null;
}

export class OfferMapPointDto implements OfferMapPoint {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Garage solidaire' }) title!: string;
  @ApiProperty({ example: 44.93327, description: 'Latitude du lieu retenu (5 décimales)' }) lat!: number;
  @ApiProperty({ example: 4.89163, description: 'Longitude du lieu retenu (5 décimales)' }) lng!: number;
}

export class OfferMapResponseDto implements OfferMapResult {
  @ApiProperty({ description: 'Nombre de résultats, le même que celui de la recherche avec les mêmes paramètres' })
  total!: number;
  @ApiProperty({ description: 'Résultats ayant un lieu (les autres ne sont pas sur la carte)' }) located!: number;
  @ApiProperty({
    description: `Vrai quand plus de ${MAP_LIMITS.maxPoints} résultats ont un lieu : \`items\` ne contient que les premiers`,
  })
  truncated!: boolean;
  @ApiProperty({
    type: [OfferMapPointDto],
    description:
      "Un point par offre ayant un lieu, dans l'ordre de la recherche : son lieu le plus proche du point de recherche (`lat`/`lng` ou `commune`), sinon son premier lieu dans `bbox`, sinon son premier lieu ; avec `bbox` et un point, le plus proche parmi ses lieux dans le rectangle",
  })
  items!: OfferMapPointDto[];
}
