export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/** One span as an OTLP/HTTP collector received it. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Undefined for a root span. */
  parentSpanId: string | undefined;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: SpanAttributes;
  events: { name: string; attributes: SpanAttributes }[];
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  resource: SpanAttributes;
}

/** One export request, whatever its encoding. */
export interface ReceivedExport {
  path: string;
  contentType: string;
  body: Buffer;
}
