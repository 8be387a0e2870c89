import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL returns `bigint` as a string (it may exceed 2^53); epoch milliseconds and event counts
 * never do, so they come back as numbers. SQLite already returns numbers.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
