import { Controller, Get, Inject, NotFoundException, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access/access.decorator.js';
import { OwnCredentials } from '../auth/session.guard.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { Metrics } from './metrics.js';
import { bearerMatches } from './metrics-token.js';

/** Served at the root, outside the API prefix and its documentation (app.ts excludes it). */
export const METRICS_PATHS = ['metrics'];

/**
 * `GET /metrics` on the main port: only with `Authorization: Bearer <METRICS_TOKEN>`. Without a
 * token configured the route answers like an unknown one (404); the separate port (METRICS_PORT)
 * serves the same text without token (metrics-server.ts).
 */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  // No session nor API key: the bearer token below is this route's only key.
  @Public()
  @OwnCredentials()
  @Get('metrics')
  async scrape(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const token = this.settings.metricsToken;
    if (!token) throw new NotFoundException(`Cannot GET ${req.path}`);
    if (!bearerMatches(req.headers.authorization, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException({ code: 'metrics_token_required', message: 'Jeton de supervision requis' });
    }
    const { contentType, body } = await this.metrics.render();
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
