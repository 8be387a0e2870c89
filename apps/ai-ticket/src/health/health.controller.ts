import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { HealthStatusDto, LivenessDto, ReadinessDto } from './dto/health-status.dto';
import { LifecycleService } from './lifecycle.service';

/** Probes never need credentials: the kubelet has none. */
@Public()
@Controller()
export class HealthController {
  constructor(private readonly lifecycle: LifecycleService) {}

  /** Backwards-compatible status endpoint of the original service. */
  @Get('health')
  @ApiOkResponse({ type: HealthStatusDto })
  health() {
    return { status: 'healthy', shutdown_initiated: this.lifecycle.phase === 'draining' };
  }

  /** Liveness: the process answers. Checks no dependency, so a slow upstream never gets pods killed. */
  @Get('healthz')
  @ApiOkResponse({ type: LivenessDto })
  @HttpCode(200)
  liveness() {
    return { status: 'ok' };
  }

  /**
   * Readiness: 503 while starting or draining (so load balancers stop sending before shutdown), and
   * while a dependency the service cannot work without is down (`failing` names it).
   */
  @Get('readyz')
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'Starting, draining, or a required dependency is down.' })
  async readiness(@Res({ passthrough: true }) reply: FastifyReply) {
    const phase = this.lifecycle.phase;
    if (phase !== 'ready') {
      reply.code(503);
      return { status: phase, inFlight: this.lifecycle.inFlight };
    }
    const failing = await this.lifecycle.failingReadinessChecks();
    if (failing.length > 0) {
      reply.code(503);
      return { status: 'unavailable', failing, inFlight: this.lifecycle.inFlight };
    }
    return { status: phase, inFlight: this.lifecycle.inFlight };
  }
}
