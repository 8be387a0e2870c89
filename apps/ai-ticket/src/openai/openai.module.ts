import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DispatchModule } from '../dispatch/dispatch.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { ModelCatalog } from './models/model-catalog.service';
import { OpenAiCompletionHandler } from './openai-completion.handler';
import { OpenAiController } from './openai.controller';

/** The OpenAI-compatible API (`/v1/chat/completions`, `/v1/completions`, `/v1/models`). */
@Module({
  imports: [AuthModule, RateLimitModule, DispatchModule],
  providers: [OpenAiController, OpenAiCompletionHandler, ModelCatalog],
})
export class OpenAiModule {}
