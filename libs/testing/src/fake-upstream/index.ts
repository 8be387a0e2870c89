export { defaultCompletionFor } from './completion-text.util';
export { FakeUpstream } from './fake-upstream.server';
export { fakeTokenIds } from './kobold-tokencount.format';
export type { Behaviour, FakeUpstreamOptions, FinishedGeneration, RecordedRequest } from './fake-upstream.types';
export type { GenerationStats } from './generation.tracker';
export { MAX_RECORDED_REQUESTS } from './request.recorder';
