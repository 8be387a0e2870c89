import type { DataSource } from 'typeorm';

/** Connects, then runs `setUp` (pragmas, migrations); a failed set-up never leaves a connection open. */
export async function initializeDataSource(dataSource: DataSource, setUp: (dataSource: DataSource) => Promise<void>): Promise<DataSource> {
  await dataSource.initialize();
  try {
    await setUp(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
