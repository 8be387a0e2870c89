export { defaultCompletionFor } from './completion-text.util';
export { FakeUpstream } from './fake-upstream.server';
export type { Behaviour, FakeUpstreamOptions, RecordedRequest } from './fake-upstream.types';
export { MAX_RECORDED_REQUESTS } from './request.recorder';
