import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { tempDir } from "../helpers/databases.ts";
import { freePort } from "../helpers/loopback-server.ts";

/** Roster processes for scale-out tests: `roster serve` children sharing one database and one master key. */
export interface Instance {
  child: ChildProcess;
  port: number;
  call(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>;
}

const entry = path.resolve("src/cli/main.ts");
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startInstance(options: {
  databaseUrl: string;
  masterKey: string;
  adminToken: string;
  env?: Record<string, string>;
  children: ChildProcess[];
}): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", entry, "serve"], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      ROSTER_MASTER_KEY: options.masterKey,
      ROSTER_DATA_DIR: tempDir("roster-scale-"),
      ROSTER_ADMIN_TOKEN: options.adminToken,
      PORT: String(port),
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  options.children.push(child);
  const base = `http://127.0.0.1:${port}`;
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${options.adminToken}`,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  await waitUntil(
    "the server to start",
    () =>
      fetch(`${base}/healthz`).then(
        (r) => (r.ok ? true : undefined),
        () => undefined,
      ),
    // tsx compiles the sources on start: slow when the machine is busy with other test files.
    45_000,
  );
  return { child, port, call };
}

export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
