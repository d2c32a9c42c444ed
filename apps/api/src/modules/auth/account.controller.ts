import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/access/access.decorator.js';
import type { ActorRequest } from '../../common/auth/actor.js';
import { RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { setSessionCookie } from '../../common/auth/session-cookie.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { AccountService } from './account.service.js';
import {
  AcceptedDto,
  BeneficiaryRegisterDto,
  EmailDto,
  MeDto,
  PasswordResetConfirmDto,
  RegisterDto,
  TokenDto,
} from './auth.dto.js';
import type { OpenedSession } from './auth.service.js';

/** The same answer whether or not an account matches: nothing tells who has one. */
const ACCEPTED: AcceptedDto = {
  message: 'Si l’adresse est valable, un e-mail vient d’y être envoyé. Pensez à regarder dans les indésirables.',
};
const INVALID_TOKEN =
  'Lien invalide, déjà utilisé ou expiré (`code: invalid_token`, `parameter: token`), ou champ invalide';

@ApiTags('Comptes')
@Controller('auth')
export class AccountController {
  constructor(
    private readonly accounts: AccountService,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  @Post('register')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Créer un compte',
    description:
      'Envoie un lien de confirmation (48 h). Même réponse que l’adresse ait déjà un compte ou non (le titulaire reçoit alors un rappel).',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto })
  async register(@Body() body: RegisterDto, @RequestMeta() meta: RequestMetaValue): Promise<AcceptedDto> {
    await this.accounts.register(body.email, body.password, body.name, meta);
    return ACCEPTED;
  }

  @Post('register-beneficiary')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Créer un compte personnel (bénéficiaire) dans un département',
    description:
      'Pour s’inscrire soi-même aux actions, pas pour les professionnels (`POST /auth/register`). Le lien de confirmation (48 h) connecte la personne et en fait un bénéficiaire du département. ' +
      'Mot de passe facultatif : sans lui, la personne se connecte par lien reçu par e-mail. Même réponse que l’adresse ait déjà un compte ou non (le titulaire reçoit alors un rappel). ' +
      'Département inconnu : 400 (`parameter: tenant`).',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto })
  async registerBeneficiary(
    @Body() body: BeneficiaryRegisterDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<AcceptedDto> {
    await this.accounts.registerBeneficiary(body, meta);
    return ACCEPTED;
  }

  @Post('verify-email')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirmer son adresse e-mail (lien reçu) et se connecter' })
  @ApiOkResponse({ type: MeDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: INVALID_TOKEN })
  async verifyEmail(
    @Body() body: TokenDto,
    @RequestMeta() meta: RequestMetaValue,
    @Req() req: ActorRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    return this.signedIn(res, await this.accounts.verifyEmail(body.token, meta, req.sessionToken ?? null));
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Demander un lien pour choisir un nouveau mot de passe',
    description:
      'Lien valable 1 heure, à usage unique. Toujours 202, que le compte existe ou non. Limité par adresse et par IP (429 avec `Retry-After`).',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto })
  async requestPasswordReset(@Body() body: EmailDto, @RequestMeta() meta: RequestMetaValue): Promise<AcceptedDto> {
    await this.accounts.requestPasswordReset(body.email, meta);
    return ACCEPTED;
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Choisir un nouveau mot de passe (lien reçu)',
    description: 'Ferme toutes les sessions du compte et invalide les autres liens.',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: INVALID_TOKEN })
  async confirmPasswordReset(
    @Body() body: PasswordResetConfirmDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<void> {
    await this.accounts.confirmPasswordReset(body.token, body.password, meta);
  }

  @Post('magic-link')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Recevoir un lien de connexion sans mot de passe',
    description: 'Lien valable 15 minutes, à usage unique. Toujours 202. Limité par adresse et par IP.',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto })
  async requestMagicLink(@Body() body: EmailDto, @RequestMeta() meta: RequestMetaValue): Promise<AcceptedDto> {
    await this.accounts.requestMagicLink(body.email, meta);
    return ACCEPTED;
  }

  @Post('magic-link/confirm')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Se connecter avec le lien reçu' })
  @ApiOkResponse({ type: MeDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: INVALID_TOKEN })
  async confirmMagicLink(
    @Body() body: TokenDto,
    @RequestMeta() meta: RequestMetaValue,
    @Req() req: ActorRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    return this.signedIn(res, await this.accounts.confirmMagicLink(body.token, meta, req.sessionToken ?? null));
  }

  private signedIn(res: Response, opened: OpenedSession): MeDto {
    setSessionCookie(res, opened.token, this.settings.production, opened.maxAgeSeconds);
    res.setHeader('Cache-Control', 'no-store');
    return opened.me;
  }
}
