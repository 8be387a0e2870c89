import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number.transformer';

/** One client's token usage in one hour (SQLite and PostgreSQL history); kept, not pruned. */
@Entity({ name: 'history_usage' })
export class HistoryUsageEntity {
  @PrimaryColumn({ name: 'hour_start', type: 'bigint', transformer: bigintAsNumber })
  hourStart!: number;

  @PrimaryColumn({ type: 'text' })
  client!: string;

  @Column({ type: 'integer' })
  requests!: number;

  @Column({ name: 'prompt_tokens', type: 'bigint', transformer: bigintAsNumber })
  promptTokens!: number;

  @Column({ name: 'completion_tokens', type: 'bigint', transformer: bigintAsNumber })
  completionTokens!: number;

  @Column({ type: 'integer' })
  estimated!: number;
}
