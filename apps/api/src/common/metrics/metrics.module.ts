import { Global, Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { Metrics } from './metrics.js';
import { MetricsController } from './metrics.controller.js';
import { ShutdownState } from './shutdown-state.js';

/** Prometheus metrics and the process's shutdown state, for any module that reports or reads them. */
@Global()
@Module({
  imports: [TenancyModule],
  providers: [Metrics, ShutdownState],
  controllers: [MetricsController],
  exports: [Metrics, ShutdownState],
})
export class MetricsModule {}
