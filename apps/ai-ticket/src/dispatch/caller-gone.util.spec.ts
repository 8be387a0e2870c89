import type { FastifyReply } from 'fastify';
import { EventEmitter } from 'node:events';
import { abortWhenCallerLeaves } from './caller-gone.util';

function replyOver(state: { closed?: boolean; destroyed?: boolean; writableFinished?: boolean } = {}) {
  const raw = Object.assign(new EventEmitter(), { closed: false, destroyed: false, writableFinished: false }, state);
  return { raw, reply: { raw } as unknown as FastifyReply };
}

describe(abortWhenCallerLeaves.name, () => {
  it('should abort and report the close when the client leaves before the answer is complete', () => {
    const { raw, reply } = replyOver();
    const onClosed = jest.fn();
    const signal = abortWhenCallerLeaves(reply, onClosed);
    expect(signal.aborted).toBe(false);
    expect(onClosed).not.toHaveBeenCalled();

    raw.emit('close');

    expect(signal.aborted).toBe(true);
    expect(onClosed).toHaveBeenCalledTimes(1);
  });

  it('should report the close without aborting once the answer was complete', () => {
    const { raw, reply } = replyOver();
    const onClosed = jest.fn();
    const signal = abortWhenCallerLeaves(reply, onClosed);

    raw.writableFinished = true;
    raw.emit('close');

    expect(signal.aborted).toBe(false);
    expect(onClosed).toHaveBeenCalledTimes(1);
  });

  it('should abort and report at once when the client left while the request waited (close already fired)', () => {
    const { reply } = replyOver({ closed: true, destroyed: true });
    const onClosed = jest.fn();

    const signal = abortWhenCallerLeaves(reply, onClosed);

    expect(signal.aborted).toBe(true);
    expect(onClosed).toHaveBeenCalledTimes(1);
  });
});
