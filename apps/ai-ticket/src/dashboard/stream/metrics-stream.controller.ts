import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionAllowed } from '../../auth/session/session-allowed.decorator';
import { SnapshotBroadcaster } from './snapshot-broadcaster.service';

@Controller('api/metrics')
export class MetricsStreamController {
  constructor(private readonly broadcaster: SnapshotBroadcaster) {}

  /** The live feed (Server-Sent Events): `event: snapshot` at connect, after events and every 5 s; `: ping` every 15 s. */
  @Get('stream')
  @SessionAllowed()
  async stream(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    reply.hijack();
    await this.broadcaster.add(reply.raw, { 'x-request-id': request.id });
  }
}
