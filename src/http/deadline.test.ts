import { describe, expect, it } from "vitest";
import { startDeadline } from "./deadline.ts";

describe("startDeadline", () => {
  it("aborts with a TimeoutError when the deadline passes, and says so", async () => {
    const deadline = startDeadline(5);
    await new Promise((resolve) => deadline.signal.addEventListener("abort", resolve, { once: true }));
    expect(deadline.expired).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe("TimeoutError");
    deadline.dispose();
  });

  it("follows its caller's abort, which is not an expiry", () => {
    const caller = new AbortController();
    const deadline = startDeadline(60_000, caller.signal);
    caller.abort(new Error("caller left"));
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.expired).toBe(false);
    expect((deadline.signal.reason as Error).message).toBe("caller left");
    deadline.dispose();
  });

  it("starts aborted for a caller that already left, and lets go of the caller once disposed", () => {
    const gone = new AbortController();
    gone.abort();
    expect(startDeadline(60_000, gone.signal).signal.aborted).toBe(true);

    const caller = new AbortController();
    const deadline = startDeadline(60_000, caller.signal);
    deadline.dispose();
    caller.abort();
    expect(deadline.signal.aborted).toBe(false);
  });
});
