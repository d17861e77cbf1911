import { type RateLimitsInput, startOpsgenieSimulator } from "../../simulators/opsgenie/index.ts";

/** The simulator in a child process, driven over IPC by bench/support/processes.ts. */
const sim = await startOpsgenieSimulator(JSON.parse(process.env.BENCH_SIMULATOR ?? "{}"));
process.send?.({ type: "ready", url: sim.url, keys: sim.apiKeys });
process.on("message", (message: { type: string; limits?: RateLimitsInput; hidden?: boolean }) => {
  if (message.type === "stats") process.send?.({ type: "stats", stats: sim.stats() });
  if (message.type === "limits") {
    // Every bucket restarts full, as setRateLimits does.
    process.send?.({ type: "limits", limits: sim.setRateLimits(message.limits ?? {}) });
  }
  if (message.type === "hide-limits") {
    sim.setRateLimitsHidden(message.hidden ?? true);
    process.send?.({ type: "hide-limits" });
  }
  if (message.type === "reset") {
    sim.resetStats();
    process.send?.({ type: "reset" });
  }
});
process.once("SIGTERM", () => void sim.close().then(() => process.exit(0)));
