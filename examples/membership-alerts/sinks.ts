import fs from "node:fs/promises";
import path from "node:path";
import type { Alert } from "./message.ts";

/** Where alerts go. A throw makes the webhook answer 500, so Roster delivers the event again later. */
export type Sink = (alert: Alert) => Promise<void>;

/**
 * POSTs each alert as JSON to `url`: a Slack or Mattermost incoming webhook, or any receiver of your own.
 * Anything but a 2xx is a failure (the event is retried).
 */
export function httpSink(url: string): Sink {
  return async (alert) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(alert),
      redirect: "error",
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the sink answered ${response.status}`);
  };
}

/** Appends each alert to `file` as one JSON line. */
export function fileSink(file: string): Sink {
  return async (alert) => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.appendFile(file, `${JSON.stringify(alert)}\n`);
  };
}
