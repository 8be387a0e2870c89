import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number.transformer';

/** One finished event (SQLite and PostgreSQL history); pruned after the retention window. */
@Entity({ name: 'history_event' })
@Index('idx_history_event_outcome_finished_at', ['outcome', 'finishedAt'])
export class HistoryEventEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('idx_history_event_finished_at')
  @Column({ name: 'finished_at', type: 'bigint', transformer: bigintAsNumber })
  finishedAt!: number;

  @Column({ name: 'latency_ms', type: 'double precision' })
  latencyMs!: number;

  @Column({ type: 'varchar', length: 16 })
  outcome!: 'success' | 'error';

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ type: 'text', nullable: true })
  prompt!: string | null;

  @Column({ type: 'boolean' })
  stream!: boolean;
}
