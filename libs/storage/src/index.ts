export { openSqliteDataSource, type SqliteDataSourceOptions } from './sqlite-data-source.factory';
export { createRedisClient } from './redis-client.factory';
