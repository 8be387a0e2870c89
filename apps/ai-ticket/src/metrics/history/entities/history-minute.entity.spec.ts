import { getMetadataArgsStorage } from 'typeorm';
import { LATENCY_BUCKET_BOUNDS_MS } from '../latency-buckets';
import { HistoryMinuteEntity, MINUTE_BUCKET_COLUMNS } from './history-minute.entity';

describe(HistoryMinuteEntity.name, () => {
  const expected = LATENCY_BUCKET_BOUNDS_MS.map((bound) => (bound === Infinity ? 'le_inf' : `le_${bound}`));

  it('should name one bucket column per latency bucket, in bucket order', () => {
    expect(MINUTE_BUCKET_COLUMNS).toEqual(expected);
  });

  it('should declare every bucket column on the entity', () => {
    const declared = getMetadataArgsStorage()
      .columns.filter((column) => column.target === HistoryMinuteEntity)
      .map((column) => column.options.name);

    expect(declared).toEqual(expect.arrayContaining(expected));
  });
});
