import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One client's token-budget window (SQLite backend), in the rate-limit database. */
@Entity({ name: 'token_budget_window' })
export class TokenBudgetWindowEntity {
  /** `<client>@<window start>` (see `windowKey`). */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  used!: number;

  @Column({ type: 'integer' })
  reserved!: number;

  /** Whether the last `reserve` admitted its request: how the one-statement reserve reports its decision. */
  @Column({ type: 'integer' })
  admitted!: number;

  @Index('idx_token_budget_window_ends_at')
  @Column({ name: 'ends_at', type: 'integer' })
  endsAt!: number;
}
