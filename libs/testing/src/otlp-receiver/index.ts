export { OtlpReceiver } from './otlp-receiver.server';
export type { ReceivedExport, ReceivedSpan, SpanAttributes } from './otlp-receiver.types';
