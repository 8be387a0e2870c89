import { Controller, Get, Res } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MetricsRoute } from './metrics-route.decorator';

/** `GET /metrics` in Prometheus's text format (willsoto's `registerAsync` does not apply its `path`). */
@Controller('metrics')
export class MetricsController extends PrometheusController {
  @Get()
  @MetricsRoute()
  @ApiProduces('text/plain')
  override index(@Res({ passthrough: true }) response: FastifyReply) {
    return super.index(response);
  }
}
