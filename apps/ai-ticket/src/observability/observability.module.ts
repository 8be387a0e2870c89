import { Global, Module } from '@nestjs/common';
import { RequestCompletionHub } from './request-completion.hub';

@Global()
@Module({ providers: [RequestCompletionHub], exports: [RequestCompletionHub] })
export class ObservabilityModule {}
