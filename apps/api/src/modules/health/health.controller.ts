import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { DataSource } from 'typeorm';
import { Public } from '../../common/access/access.decorator.js';
import { ReadinessCheck, type Readiness } from './readiness.js';

const READINESS_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ready', 'not_ready'] },
    checks: {
      type: 'object',
      properties: {
        database: { type: 'string', enum: ['reachable', 'unreachable'] },
        migrations: { type: 'string', enum: ['current', 'pending', 'unknown'] },
        searchIndexes: { type: 'string', enum: ['warm', 'cold', 'warming'] },
        process: { type: 'string', enum: ['running', 'stopping'] },
      },
      required: ['database', 'migrations', 'searchIndexes', 'process'],
    },
    failing: {
      type: 'array',
      items: { type: 'string', enum: ['database', 'migrations', 'searchIndexes', 'process'] },
    },
  },
  required: ['status', 'checks', 'failing'],
  example: {
    status: 'ready',
    checks: { database: 'reachable', migrations: 'current', searchIndexes: 'warm', process: 'running' },
    failing: [],
  },
};

@ApiTags('Supervision')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessCheck,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'État du service (répond quand la base répond)' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['ok'] } },
      required: ['status'],
      example: { status: 'ok' },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'Base injoignable (`database_unavailable`)', type: ErrorResponseDto })
  async check(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ code: 'database_unavailable', message: 'Base de données injoignable' });
    }
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary: 'Prêt à recevoir du trafic (base, migrations, index de recherche, arrêt en cours)',
    description:
      'Pour le répartiteur de charge : 200 quand tout est prêt, 503 sinon, avec le même corps qui nomme les vérifications en échec (`failing`).',
  })
  @ApiOkResponse({ description: 'Prêt', schema: READINESS_SCHEMA })
  @ApiServiceUnavailableResponse({
    description: 'Pas prêt (démarrage, base, migrations, arrêt)',
    schema: READINESS_SCHEMA,
  })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const readiness = await this.readiness.check();
    res.setHeader('Cache-Control', 'no-store');
    if (readiness.status !== 'ready') res.status(503);
    return readiness;
  }
}
