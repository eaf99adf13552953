import { Redis } from 'ioredis';

/** The Redis the scale-out tests use (CI starts one; locally they skip with the reason). */
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<string | true> {
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    probe.disconnect();
  }
}

/** `false` when Redis answers (or under CI, where a missing Redis must fail), else why the test skips. */
export async function redisSkip(): Promise<false | string> {
  const reachable = await redisReachable();
  return reachable === true || process.env.CI === 'true' ? false : `Redis at ${redisUrl} unreachable: ${reachable}`;
}
