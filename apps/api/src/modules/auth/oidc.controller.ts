import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/access/access.decorator.js';
import type { ActorRequest } from '../../common/auth/actor.js';
import { RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { setSessionCookie } from '../../common/auth/session-cookie.js';
import { notFound } from '../../common/errors/app-errors.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { OidcInfoDto } from './auth.dto.js';
import { OIDC_STATE_SECONDS, OidcService } from './oidc.service.js';

export const SSO_SUCCESS_PATH = '/espace';
export const SSO_FAILURE_PATH = '/connexion?erreur=sso';

/** The state travels in a cookie too: a callback only completes in the browser that started it (no login CSRF). */
const stateCookieName = (secure: boolean) => (secure ? '__Host-catalogue_oidc' : 'catalogue_oidc');

function readCookie(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

@ApiTags('Comptes')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'La connexion unique (ProConnect) est-elle proposée ?',
    description: 'Pour afficher le bouton de connexion unique et son libellé.',
  })
  @ApiOkResponse({ type: OidcInfoDto })
  info(): OidcInfoDto {
    const o = this.oidc.options;
    return { enabled: o !== null, label: o?.label ?? null };
  }

  @Get('login')
  @Public()
  @ApiOperation({
    summary: 'Commencer la connexion unique : redirige vers le fournisseur',
    description: '404 si la connexion unique n’est pas configurée.',
  })
  @ApiFoundResponse({ description: 'Vers le fournisseur d’identité (ou `/connexion?erreur=sso` s’il ne répond pas)' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async login(@Res() res: Response): Promise<void> {
    if (!this.oidc.options) throw notFound('Connexion unique');
    res.setHeader('Cache-Control', 'no-store');
    try {
      const { url, state } = await this.oidc.start();
      res.cookie(stateCookieName(this.settings.production), state, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.settings.production,
        path: '/',
        maxAge: OIDC_STATE_SECONDS * 1000,
      });
      res.redirect(302, url);
    } catch (e) {
      this.oidc.logFailure(e);
      res.redirect(302, SSO_FAILURE_PATH);
    }
  }

  @Get('callback')
  @Public()
  @ApiOperation({
    summary: 'Retour du fournisseur d’identité : ouvre la session et redirige vers l’espace',
    description: '404 si la connexion unique n’est pas configurée.',
  })
  @ApiFoundResponse({ description: '`/espace` (session ouverte) ou `/connexion?erreur=sso`' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async callback(@Req() req: ActorRequest, @RequestMeta() meta: RequestMetaValue, @Res() res: Response): Promise<void> {
    if (!this.oidc.options) throw notFound('Connexion unique');
    const cookie = stateCookieName(this.settings.production);
    res.setHeader('Cache-Control', 'no-store');
    res.clearCookie(cookie, { httpOnly: true, sameSite: 'lax', secure: this.settings.production, path: '/' });
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    try {
      const opened = await this.oidc.finish(query, readCookie(req, cookie), meta, req.sessionToken ?? null);
      setSessionCookie(res, opened.token, this.settings.production, opened.maxAgeSeconds);
      res.redirect(302, SSO_SUCCESS_PATH);
    } catch (e) {
      this.oidc.logFailure(e);
      res.redirect(302, SSO_FAILURE_PATH);
    }
  }
}
