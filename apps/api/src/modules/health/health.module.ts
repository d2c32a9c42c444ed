import { Module } from '@nestjs/common';
import { SearchModule } from '../search/search.module.js';
import { HealthController } from './health.controller.js';
import { ReadinessCheck } from './readiness.js';

@Module({ imports: [SearchModule], controllers: [HealthController], providers: [ReadinessCheck] })
export class HealthModule {}
