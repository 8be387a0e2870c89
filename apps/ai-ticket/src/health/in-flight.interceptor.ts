import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, finalize } from 'rxjs';
import { LifecycleService } from './lifecycle.service';

/** Counts a handler's work (including a whole stream) as in flight, so shutdown waits for it. */
@Injectable()
export class InFlightInterceptor implements NestInterceptor {
  constructor(private readonly lifecycle: LifecycleService) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const done = this.lifecycle.beginWork();
    return next.handle().pipe(finalize(done));
  }
}
