import { join } from 'node:path';
import { Pool } from 'undici';
import { FakeUpstream } from '../../libs/testing/src/fake-upstream/fake-upstream.server';
import { REPO_ROOT } from '../paths';
import { median } from '../stats';

const TOKEN = 'bench-token-0123456789abcdef';
const IN_FLIGHT = 8;

export interface CpuAb {
  readonly rounds: number;
  readonly requestsPerBlock: number;
  readonly eventUs: number;
  readonly chatUs: number;
  /** Median over the rounds of (chat − event) in the same round: drift between rounds cancels out. */
  readonly pairedAddedUs: number;
}

/** The little of the Nest application the A/B uses. */
interface BuiltApp {
  listen(options: { port: number; host: string }): Promise<unknown>;
  getHttpServer(): { address(): unknown };
  close(): Promise<void>;
}

interface Route {
  readonly path: string;
  readonly body: string;
}

/**
 * CPU per request of `/v1/chat/completions` against `/event` with the service, the fake upstream and the
 * client in this one process (the built service, as main.js runs it): on a shared machine the process's
 * own CPU time is steadier than another process's share of a busy core. Blocks alternate, order flipped
 * each round; the result is the paired median difference.
 */
export async function measureCpuAb(prompt: string, rounds: number, requestsPerBlock: number): Promise<CpuAb> {
  // Loaded from the build at run time: the bench's own tsconfig does not compile the service.
  const { buildAppConfig } = (await import(join(REPO_ROOT, 'dist/libs/config/src/index.js'))) as { buildAppConfig(env: Record<string, string>): unknown };
  const { createApp } = (await import(join(REPO_ROOT, 'dist/apps/ai-ticket/src/app.factory.js'))) as { createApp(config: unknown): Promise<BuiltApp> };
  const upstream = await FakeUpstream.start();
  const app = await createApp(
    buildAppConfig({ LOG_LEVEL: 'silent', KOBOLDCPP_API_URL: upstream.url, AI_TICKET_AUTH_TOKEN: TOKEN, RATE_LIMIT_REQUESTS: '10000000', UPSTREAM_CONCURRENCY: '64' }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  const client = new Pool(`http://127.0.0.1:${port}`, { connections: IN_FLIGHT });
  const event: Route = { path: '/event', body: JSON.stringify({ content: prompt }) };
  const chat: Route = { path: '/v1/chat/completions', body: JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: prompt }] }) };
  const block = async (route: Route): Promise<number> => {
    const start = process.cpuUsage();
    let sent = 0;
    const worker = async () => {
      while (sent++ < requestsPerBlock) {
        const res = await client.request({ path: route.path, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: route.body });
        await res.body.text();
        if (res.statusCode !== 200) throw new Error(`${route.path} answered ${res.statusCode}`);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const cpu = process.cpuUsage(start);
    return (cpu.user + cpu.system) / requestsPerBlock;
  };
  try {
    await block(event);
    await block(chat);
    const eventUs: number[] = [];
    const chatUs: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      if (round % 2 === 0) {
        eventUs.push(await block(event));
        chatUs.push(await block(chat));
      } else {
        chatUs.push(await block(chat));
        eventUs.push(await block(event));
      }
    }
    const paired = chatUs.map((us, i) => us - eventUs[i]);
    return { rounds, requestsPerBlock, eventUs: median(eventUs), chatUs: median(chatUs), pairedAddedUs: median(paired) };
  } finally {
    await client.close();
    await app.close();
    await upstream.close();
  }
}
