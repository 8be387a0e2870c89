import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number.transformer';

/**
 * The aggregates of one minute, added to atomically by every replica (`ON CONFLICT … DO UPDATE`).
 * One count column per latency bucket, named `le_<upper bound ms>` in the order of
 * `LATENCY_BUCKET_BOUNDS_MS` (`le_inf` for the open-ended one); see `MINUTE_BUCKET_COLUMNS`.
 */
@Entity({ name: 'history_minute' })
export class HistoryMinuteEntity {
  /** Start of the minute (epoch ms). */
  @PrimaryColumn({ name: 'minute_start', type: 'bigint', transformer: bigintAsNumber })
  minuteStart!: number;

  @Column({ type: 'integer', default: 0 }) requests!: number;
  @Column({ type: 'integer', default: 0 }) successes!: number;
  @Column({ type: 'integer', default: 0 }) errors!: number;
  @Column({ name: 'latency_sum_ms', type: 'double precision', default: 0 }) latencySumMs!: number;

  @Column({ name: 'le_5', type: 'integer', default: 0 }) le5!: number;
  @Column({ name: 'le_10', type: 'integer', default: 0 }) le10!: number;
  @Column({ name: 'le_25', type: 'integer', default: 0 }) le25!: number;
  @Column({ name: 'le_50', type: 'integer', default: 0 }) le50!: number;
  @Column({ name: 'le_100', type: 'integer', default: 0 }) le100!: number;
  @Column({ name: 'le_250', type: 'integer', default: 0 }) le250!: number;
  @Column({ name: 'le_500', type: 'integer', default: 0 }) le500!: number;
  @Column({ name: 'le_1000', type: 'integer', default: 0 }) le1000!: number;
  @Column({ name: 'le_2500', type: 'integer', default: 0 }) le2500!: number;
  @Column({ name: 'le_5000', type: 'integer', default: 0 }) le5000!: number;
  @Column({ name: 'le_10000', type: 'integer', default: 0 }) le10000!: number;
  @Column({ name: 'le_30000', type: 'integer', default: 0 }) le30000!: number;
  @Column({ name: 'le_60000', type: 'integer', default: 0 }) le60000!: number;
  @Column({ name: 'le_inf', type: 'integer', default: 0 }) leInf!: number;
}

/** The bucket count columns, in bucket order. */
export const MINUTE_BUCKET_COLUMNS: readonly string[] = [
  'le_5', 'le_10', 'le_25', 'le_50', 'le_100', 'le_250', 'le_500', 'le_1000', 'le_2500', 'le_5000', 'le_10000', 'le_30000', 'le_60000', 'le_inf',
];
