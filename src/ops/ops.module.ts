import { Module } from '@nestjs/common';
import { HttpDrainOnShutdown } from '../bootstrap/graceful-shutdown';
import { OpsController } from './ops.controller';
import { ReadinessService } from './readiness.service';

/** /health, /ready and /metrics; and the first step of a graceful shutdown. */
@Module({
  controllers: [OpsController],
  providers: [ReadinessService, HttpDrainOnShutdown],
})
export class OpsModule {}
