import type { IncomingMessage } from 'node:http';
import { assignRequestId, uniqueRequestId } from './request-id.util';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const requestWith = (headers: Record<string, string | undefined>) => ({ headers }) as unknown as IncomingMessage;

describe(assignRequestId.name, () => {
  it("should keep a caller's plain id", () => {
    const request = requestWith({ 'x-request-id': 'job-42.step:7' });

    expect(assignRequestId(request)).toBe('job-42.step:7');
  });

  it('should make up a UUID for a missing or unacceptable id, and write it back to the headers', () => {
    for (const given of [undefined, 'has spaces', 'x'.repeat(129), 'line\nbreak']) {
      const request = requestWith({ 'x-request-id': given });

      const id = assignRequestId(request);

      expect(id).toMatch(UUID);
      expect(request.headers['x-request-id']).toBe(id);
    }
  });
});

describe(uniqueRequestId.name, () => {
  it('should reuse the id this service made up', () => {
    const request = requestWith({});
    const id = assignRequestId(request);

    expect(uniqueRequestId(request, id)).toBe(id);
  });

  it("should not reuse a caller's id, which need not be unique", () => {
    const request = requestWith({ 'x-request-id': 'same-for-every-call' });
    const id = assignRequestId(request);

    const unique = uniqueRequestId(request, id);

    expect(unique).toMatch(UUID);
    expect(uniqueRequestId(request, id)).not.toBe(unique);
  });
});
