export { openSqliteDataSource, type SqliteDataSourceOptions } from './sqlite-data-source.factory';
export { closeRedisClient, createRedisClient } from './redis-client.factory';
