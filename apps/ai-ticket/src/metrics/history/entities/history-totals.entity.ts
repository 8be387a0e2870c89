import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number.transformer';

/** The all-time counts: a single row (`id` 1) that pruning never touches. */
@Entity({ name: 'history_totals' })
export class HistoryTotalsEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber }) requests!: number;
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber }) successes!: number;
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber }) errors!: number;
}
