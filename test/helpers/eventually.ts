/**
 * Polls `check` until it stops throwing (then returns its value) or `timeoutMs` passes (then throws its last
 * error). For outcomes that arrive asynchronously, such as a webhook applied by an example app; the timeout is
 * generous because CI runs on a loaded machine, and passing tests return as soon as the outcome is there.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
