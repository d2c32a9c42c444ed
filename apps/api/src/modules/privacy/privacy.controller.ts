import { Controller, Delete, Get, HttpCode, Inject, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { clearSessionCookie } from '../../common/auth/session-cookie.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { PersonalDataExportDto } from './privacy.dto.js';
import { PrivacyService } from './privacy.service.js';

@ApiTags('Comptes')
@Controller('me')
export class PrivacyController {
  constructor(
    private readonly privacy: PrivacyService,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  @Get('export')
  @SignedIn()
  @ApiOperation({
    summary: 'Télécharger une copie de ses données (JSON)',
    description:
      'Le compte et chaque inscription de la personne dans tous les départements (offre, session, état, historique, la personne telle qu’enregistrée). Fichier à télécharger.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: PersonalDataExportDto })
  async export(
    @CurrentActor() actor: Actor,
    @RequestMeta() meta: RequestMetaValue,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PersonalDataExportDto> {
    const data = await this.privacy.export(actor, meta);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="mes-donnees-catalogue-${data.exportedAt.slice(0, 10)}.json"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    return data;
  }

  @Delete()
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Supprimer son compte',
    description:
      'Les inscriptions de la personne sont gardées, anonymisées (nom remplacé, coordonnées et commune effacées ; situation, tranche d’âge et sexe gardés pour les statistiques), dans tous les départements ; le compte est supprimé et toutes ses sessions se ferment. ' +
      'Refusé (409 `professional_account`) tant que le compte a un rôle professionnel.',
  })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Le compte a un rôle professionnel' })
  async delete(
    @CurrentActor() actor: Actor,
    @RequestMeta() meta: RequestMetaValue,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.privacy.deleteAccount(actor, meta);
    clearSessionCookie(res, this.settings.production);
  }
}
