export * from './fake-upstream';
export { errorBody } from './error-bodies';
