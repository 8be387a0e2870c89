import { CreateTokenBudgetWindow1796500000000 } from '../budget/migrations/1796500000000-create-token-budget-window';
import { TokenBudgetWindowEntity } from '../budget/token-budget-window.entity';
import { CreateRateLimitWindow1795400000000 } from './migrations/1795400000000-create-rate-limit-window';
import { RateLimitWindowEntity } from './rate-limit-window.entity';

/**
 * The rate-limit SQLite file holds the request windows and the token-budget windows: both stores (and
 * `ai-ticket migrate`) open it with this one schema, so none of them meets a migration it does not know.
 */
export const RATE_LIMIT_ENTITIES = [RateLimitWindowEntity, TokenBudgetWindowEntity];
export const RATE_LIMIT_MIGRATIONS = [CreateRateLimitWindow1795400000000, CreateTokenBudgetWindow1796500000000];
