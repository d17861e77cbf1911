import { describe, expect, it } from "vitest";
import { KeyedSemaphore } from "./concurrency.ts";

describe("KeyedSemaphore", () => {
  it("admits up to the limit per key, then FIFO", async () => {
    const semaphore = new KeyedSemaphore(2);
    const r1 = await semaphore.acquire("a");
    const r2 = await semaphore.acquire("a");
    const other = await semaphore.acquire("b");
    const order: number[] = [];
    const p3 = semaphore.acquire("a").then((release) => {
      order.push(3);
      return release;
    });
    const p4 = semaphore.acquire("a").then((release) => {
      order.push(4);
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(semaphore.active("a")).toBe(2);
    r1();
    r1(); // double release must not admit an extra waiter
    const r3 = await p3;
    expect(order).toEqual([3]);
    expect(semaphore.active("a")).toBe(2);
    r2();
    const r4 = await p4;
    expect(order).toEqual([3, 4]);
    r3();
    r4();
    other();
    expect(semaphore.active("a")).toBe(0);
  });

  it("removes an aborted waiter from the queue", async () => {
    const semaphore = new KeyedSemaphore(1);
    const release = await semaphore.acquire("a");
    const controller = new AbortController();
    const aborted = semaphore.acquire("a", controller.signal);
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    release();
    expect(semaphore.active("a")).toBe(0);
    const again = await semaphore.acquire("a");
    expect(semaphore.active("a")).toBe(1);
    again();
  });
});
