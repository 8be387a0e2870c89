import type { RawRouteDoc } from '../openapi/raw-route-doc.types';
import { EventAnswerDto, EventRequestDto, EventStreamEventDto } from './dto/event-request.dto';

/** `POST /event` (event.controller.ts), for the OpenAPI document. */
export const EVENT_ROUTE_DOC: RawRouteDoc = {
  method: 'post',
  path: '/event',
  summary: 'Dispatch one inference event; Server-Sent Events with `stream: true`',
  tag: 'Events',
  request: EventRequestDto,
  response: EventAnswerDto,
  streamEvent: EventStreamEventDto,
  errors: 'contract',
};
