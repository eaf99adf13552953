import assert from 'node:assert/strict';
import { test } from 'node:test';
import { threadId } from 'node:worker_threads';
import { runInWorker } from './runInWorker.js';

const fixture = new URL('./fixtures/waitForFlag.js', import.meta.url);

test('the module runs on another thread while this one goes on', async () => {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const running = runInWorker<{ threadId: number; saw: number }>(fixture, { flag });
  // Set only after this thread got its turn back: a same-thread run would have waited 10 s and seen 0.
  await new Promise((resolve) => setTimeout(resolve, 20));
  Atomics.store(flag, 0, 7);
  Atomics.notify(flag, 0);
  const result = await running;
  assert.equal(result.saw, 7);
  assert.notEqual(result.threadId, threadId);
});

test("the module's error rejects the call with its message", async () => {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  await assert.rejects(runInWorker(fixture, { flag, fail: 'no examples' }), /no examples/);
});

test('a module that does not exist rejects instead of hanging', async () => {
  await assert.rejects(runInWorker(new URL('./fixtures/missing.js', import.meta.url), {}), /missing/);
});
