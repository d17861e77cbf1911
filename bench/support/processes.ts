import { type ChildProcess, execSync, fork, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { OpsgenieSimulatorOptions } from "../../simulators/opsgenie/index.ts";
import type { PagerdutySimulatorOptions } from "../../simulators/pagerduty/index.ts";

/** Benchmark partners in their own processes, so each one's CPU and memory are its own. */
const root = path.resolve(import.meta.dirname, "../..");

export interface SimulatorProcess {
  url: string;
  keys: { full: string };
  stats(): Promise<{ total: number; byStatus: Record<string, number>; byDomain: Record<string, number> }>;
  resetStats(): Promise<void>;
  /** Opsgenie simulator only: changes its limits (every bucket restarts full). */
  setRateLimits(limits: object): Promise<void>;
  /** Opsgenie simulator only: whether `/v2/request-limits/` refuses every key. */
  hideRateLimits(hidden: boolean): Promise<void>;
  stop(): Promise<void>;
}

export function startSimulatorProcess(options: OpsgenieSimulatorOptions): Promise<SimulatorProcess> {
  return forkSimulator("bench/support/simulator-child.ts", options);
}

export function startPagerdutySimulatorProcess(
  options: PagerdutySimulatorOptions,
): Promise<SimulatorProcess> {
  return forkSimulator("bench/support/pagerduty-simulator-child.ts", options);
}

async function forkSimulator(script: string, options: object): Promise<SimulatorProcess> {
  const child = fork(path.join(root, script), [], {
    env: { ...process.env, BENCH_SIMULATOR: JSON.stringify(options) },
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await nextMessage<{ url: string; keys: { full: string } }>(child, "ready");
  return {
    url: ready.url,
    keys: ready.keys,
    async stats() {
      child.send({ type: "stats" });
      return (await nextMessage<{ stats: never }>(child, "stats")).stats;
    },
    async resetStats() {
      child.send({ type: "reset" });
      await nextMessage(child, "reset");
    },
    async setRateLimits(limits) {
      child.send({ type: "limits", limits });
      await nextMessage(child, "limits");
    },
    async hideRateLimits(hidden) {
      child.send({ type: "hide-limits", hidden });
      await nextMessage(child, "hide-limits");
    },
    stop: () => stopChild(child),
  };
}

/** The bare live-read pipeline (see pipeline-floor-child.ts) in its own process, in front of `simulatorUrl`. */
export async function startPipelineFloorProcess(
  simulatorUrl: string,
  apiKey: string,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = fork(path.join(root, "bench/support/pipeline-floor-child.ts"), [], {
    env: { ...process.env, BENCH_FLOOR: JSON.stringify({ simulatorUrl, apiKey }) },
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await nextMessage<{ url: string }>(child, "ready");
  return { url: ready.url, pid: child.pid ?? 0, stop: () => stopChild(child) };
}

export interface RosterProcess {
  url: string;
  token: string;
  pid: number;
  /** Peak resident memory of the Roster process so far, in MB (VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** `build: false` reuses the build of an earlier start in the same run (a second Roster to compare with). */
export async function startRosterProcess(
  env: Record<string, string>,
  options: { build?: boolean } = {},
): Promise<RosterProcess> {
  // Measure what `npm start` runs: the build, not the sources through a transpiler.
  if (options.build ?? true) execSync("npm run build --silent", { cwd: root, stdio: "inherit" });
  const port = await freePort();
  const token = `bench-${crypto.randomBytes(12).toString("hex")}`;
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of Roster, written when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, path.join(root, "bin/roster.js"), "serve"], {
    env: {
      ...process.env,
      PORT: String(port),
      ROSTER_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "roster-bench-")),
      ROSTER_ADMIN_TOKEN: token,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      if (i > 200) throw new Error("Roster did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    token,
    pid: child.pid ?? 0,
    peakRssMb() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    stop: () => stopChild(child),
  };
}

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    // Both listeners go once the answer is in: a caller polling stats must not pile up exit listeners.
    const onExit = (code: number | null) => reject(new Error(`child exited with ${code}`));
    const onMessage = (message: { type: string } & T) => {
      if (message.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(message);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
