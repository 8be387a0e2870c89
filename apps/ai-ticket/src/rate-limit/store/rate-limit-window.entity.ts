import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One client's current fixed window (SQLite backend). */
@Entity({ name: 'rate_limit_window' })
export class RateLimitWindowEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  hits!: number;

  @Index('idx_rate_limit_window_ends_at')
  @Column({ name: 'window_ends_at', type: 'integer' })
  windowEndsAt!: number;
}
