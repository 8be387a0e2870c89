import { ErrorCode } from '@ai-ticket/errors';

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type ErrorBodyFixtures = { [Code in `${ErrorCode}` as CamelCase<Code>]: Record<string, unknown> };

const camel = (code: string) => code.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/**
 * The canonical error body for every code, for exact assertions:
 * `expect(res.json()).toEqual(errorBody.payloadTooLarge)`. Messages are for humans and may be
 * reworded, so they are matched as any string; codes and the request id are contract.
 * Add `details` with a spread where a response carries them.
 */
export const errorBody = Object.fromEntries(
  Object.values(ErrorCode).map((code) => [camel(code), { error: code, message: expect.any(String), requestId: expect.any(String) }]),
) as unknown as ErrorBodyFixtures;
