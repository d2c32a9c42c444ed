import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, SignedIn } from '../../common/access/access.decorator.js';
import type { Actor, ActorRequest } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { clearSessionCookie, setSessionCookie } from '../../common/auth/session-cookie.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { LoginDto, MeDto } from './auth.dto.js';
import { AuthService, toMe } from './auth.service.js';

@ApiTags('Comptes')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Se connecter par e-mail et mot de passe',
    description:
      'Pose le cookie de session (httpOnly, SameSite=Lax, Secure en production). 10 échecs en 15 minutes pour un compte : 429 avec `Retry-After`.',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Identifiants incorrects (sans dire lequel)' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto })
  async login(
    @Body() body: LoginDto,
    @RequestMeta() meta: RequestMetaValue,
    @Req() req: ActorRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const opened = await this.auth.login(body.email, body.password, meta, req.sessionToken ?? null);
    setSessionCookie(res, opened.token, this.settings.production, opened.maxAgeSeconds);
    return opened.me;
  }

  @Post('auth/logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Se déconnecter (cette session)' })
  @ApiNoContentResponse()
  async logout(
    @CurrentActor() actor: Actor | null,
    @RequestMeta() meta: RequestMetaValue,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(actor, meta);
    clearSessionCookie(res, this.settings.production);
  }

  @Post('auth/logout-everywhere')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Se déconnecter partout (toutes les sessions du compte)' })
  @ApiNoContentResponse()
  async logoutEverywhere(
    @CurrentActor() actor: Actor,
    @RequestMeta() meta: RequestMetaValue,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logoutEverywhere(actor, meta);
    clearSessionCookie(res, this.settings.production);
  }

  @Get('me')
  @SignedIn()
  @ApiOperation({ summary: 'Le compte connecté, ses rôles par département et son jeton CSRF' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): MeDto {
    res.setHeader('Cache-Control', 'no-store');
    return toMe(actor);
  }
}
