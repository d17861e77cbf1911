import { startPagerdutySimulator } from "../../simulators/pagerduty/index.ts";

/** The PagerDuty simulator in a child process, driven over IPC by bench/support/processes.ts. */
const sim = await startPagerdutySimulator(JSON.parse(process.env.BENCH_SIMULATOR ?? "{}"));
process.send?.({ type: "ready", url: sim.url, keys: sim.apiKeys });
process.on("message", (message: { type: string }) => {
  if (message.type === "stats") process.send?.({ type: "stats", stats: sim.stats() });
  if (message.type === "reset") {
    sim.resetStats();
    process.send?.({ type: "reset" });
  }
});
process.once("SIGTERM", () => void sim.close().then(() => process.exit(0)));
