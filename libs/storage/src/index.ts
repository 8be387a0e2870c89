export { openSqliteDataSource, type SqliteDataSourceOptions } from './sqlite-data-source.factory';
export { SqliteStatements, type SqliteExpiry, type SqliteStatementsOptions } from './sqlite-statements';
export { openPostgresDataSource, type PostgresDataSourceOptions } from './postgres-data-source.factory';
export { closeRedisClient, createRedisClient } from './redis-client.factory';
export { defineRedisScripts, type RedisScript } from './redis-scripts.util';
export { StoreIncident, type StoreIncidentMessages } from './store-incident';
