import type { BenchSettings } from '../settings';
import type { HandoverResult } from './handover';
import type { LeaseLatencyResult } from './lease-latency';
import type { ThroughputResult } from './throughput';

/** Everything one run of the fleet suite measured. */
export interface FleetResults {
  readonly startedAt: Date;
  readonly elapsedSeconds: number;
  /** 1-, 5- and 15-minute load averages when the suite started: other work on the machine shows here. */
  readonly loadAverage: readonly number[];
  readonly settings: BenchSettings;
  readonly handover: { readonly redis: HandoverResult; readonly local: HandoverResult };
  readonly latency: LeaseLatencyResult;
  readonly throughput: { readonly redis: ThroughputResult; readonly local: ThroughputResult };
  /** What makes the bench exit non-zero, once the report is written. */
  readonly failures: readonly string[];
}
