import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from '../infrastructure/http/http-types';
import { Public } from '../infrastructure/http/roles.decorator';
import { metricsRegistry } from '../infrastructure/metrics/metrics-registry';
import type { Readiness } from './readiness';
import { ReadinessService } from './readiness.service';

/** Operational endpoints for load balancers, orchestrators and Prometheus. */
@ApiExcludeController()
@Controller()
export class OpsController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Alive: the process answers. Checks nothing else, so a slow store does not get it restarted. */
  @Get('health')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready for traffic: 200 or 503 with the failing checks and why. */
  @Get('ready')
  @Public()
  @Header('Cache-Control', 'no-store')
  async ready(@Res({ passthrough: true }) res: Response): Promise<{ status: string } & Readiness> {
    const readiness = await this.readiness.check();
    res.status(readiness.ready ? 200 : 503);
    return { status: readiness.ready ? 'ready' : 'not ready', ...readiness };
  }

  @Get('metrics')
  @Public()
  async metrics(@Res() res: Response): Promise<void> {
    res.header('Content-Type', metricsRegistry.contentType);
    res.header('Cache-Control', 'no-store');
    res.send(await metricsRegistry.metrics());
  }
}
