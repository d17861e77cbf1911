import { describe, expect, it } from "vitest";
import { SharedReads } from "./shared-reads.ts";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("SharedReads", () => {
  it("runs one read for identical overlapping callers and none after it completes", async () => {
    let shared = 0;
    const reads = new SharedReads<string>(() => shared++);
    const gate = deferred<string>();
    let calls = 0;
    const read = () => {
      calls++;
      return gate.promise;
    };
    const a = reads.run("k", new AbortController().signal, read);
    const b = reads.run("k", new AbortController().signal, read);
    const other = reads.run("other", new AbortController().signal, async () => "other");
    expect(calls).toBe(1);
    gate.resolve("answer");
    expect(await Promise.all([a, b, other])).toEqual(["answer", "answer", "other"]);
    expect(shared).toBe(1);
    expect(reads.size).toBe(0);

    // Nothing is kept: the next caller reads again.
    expect(await reads.run("k", new AbortController().signal, async () => "fresh")).toBe("fresh");
  });

  it("gives every caller the read's failure", async () => {
    const reads = new SharedReads<string>();
    const gate = deferred<string>();
    const a = reads.run("k", new AbortController().signal, () => gate.promise);
    const b = reads.run("k", new AbortController().signal, () => gate.promise);
    gate.reject(new Error("provider down"));
    await expect(a).rejects.toThrow("provider down");
    await expect(b).rejects.toThrow("provider down");
  });

  it("cancels the read only when every caller has gone, and a newcomer then starts afresh", async () => {
    const reads = new SharedReads<string>();
    let readSignal!: AbortSignal;
    const gate = deferred<string>();
    const first = new AbortController();
    const second = new AbortController();
    const a = reads.run("k", first.signal, (signal) => {
      readSignal = signal;
      return gate.promise;
    });
    const b = reads.run("k", second.signal, () => gate.promise);
    first.abort();
    expect(readSignal.aborted).toBe(false);
    second.abort();
    expect(readSignal.aborted).toBe(true);

    const c = reads.run("k", new AbortController().signal, async () => "new read");
    expect(await c).toBe("new read");
    gate.reject(new Error("cancelled"));
    await expect(a).rejects.toThrow("cancelled");
    await expect(b).rejects.toThrow("cancelled");
  });

  it("counts a caller that arrives already cancelled as gone", async () => {
    const reads = new SharedReads<string>();
    const gone = new AbortController();
    gone.abort();
    let readSignal!: AbortSignal;
    const result = reads.run("k", gone.signal, async (signal) => {
      readSignal = signal;
      return "unused";
    });
    expect(readSignal.aborted).toBe(true);
    expect(await result).toBe("unused");
  });
});
