export * from './fake-upstream';
export * from './fake-dns';
export * from './otlp-receiver';
export { errorBody } from './error-bodies';
export { tokenBudgetStoreContract, type BudgetStoreUnderTest, type ContractBudgetStore } from './token-budget-contract';
export { rateLimitStoreContract, type ContractStore, type StoreUnderTest } from './store-contract';
export { redisAvailableSync, redisUrlForTests } from './redis-availability';
export { historyStoreContract, postgresCandidatesForTests, postgresUrlForTestsSync, type HistoryContractStore, type HistoryStoreUnderTest } from './history-store-contract';
export { upstreamSlotsContract, type ContractSlots, type SlotsUnderTest } from './upstream-slots-contract';
