/**
 * The request pipeline on plain node:http, in the order a real gateway applies it:
 * control surface -> fault injection -> authentication (422/401) -> routing (404/405) -> rate limit (429)
 * -> key permissions (403) -> JSON body (400) -> handler. Every answer carries X-Request-ID,
 * X-Response-Time and X-RateLimit-State, and `took`/`requestId` in the body.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate, forbiddenReason, type KeyRing } from "./auth.ts";
import { handleControl, type SimControl } from "./control.ts";
import { HttpError, type Json, newRequestId, type Reply, tookSeconds } from "./envelope.ts";
import type { FaultDecision, FaultInjector } from "./faults.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { Domain, RequestContext, SimState } from "./route.ts";
import type { Router } from "./router.ts";
import type { Stats } from "./stats.ts";

export interface PipelineDeps {
  router: Router;
  state: SimState;
  keys: KeyRing;
  limiter: RateLimiter;
  faults: FaultInjector;
  stats: Stats;
  control: SimControl;
  /** Schedules `fn` after `ms`, tracked so close() can cancel slow-fault timers. */
  later(ms: number, fn: () => void): void;
}

const THROTTLE_MESSAGE =
  "You are making too many requests! To avoid errors, we recommend you limit requests.";
const FAULT_MESSAGES = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
} as const;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

interface Outgoing {
  status: number;
  json: string;
  headers: Record<string, string>;
}

function serialize(reply: Reply, startNs: bigint, requestId: string): Outgoing {
  const took = tookSeconds(startNs);
  let json = JSON.stringify({ ...reply.body, took, requestId });
  // Pre-serialized list data is spliced in as the first member instead of being re-stringified.
  if (reply.rawData !== undefined) json = `{"data":${reply.rawData},${json.slice(1)}`;
  return {
    status: reply.status,
    json,
    headers: { "X-Response-Time": String(took), "X-RateLimit-State": "OK", ...reply.headers },
  };
}

function errorReply(
  status: number,
  message: string,
  extra: Json = {},
  headers: Record<string, string> = {},
): Reply {
  const { code, ...rest } = extra;
  return { status, body: code === undefined ? { message, ...rest } : { code, message, ...rest }, headers };
}

function write(res: ServerResponse, out: Outgoing, requestId: string, truncate: boolean): void {
  const body = Buffer.from(out.json);
  res.writeHead(out.status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": body.length,
    "X-Request-ID": requestId,
    ...out.headers,
  });
  if (!truncate) {
    res.end(body);
    return;
  }
  // Promise the whole body, deliver half, then drop the connection: the client sees a short read.
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
}

function readBody(req: IncomingMessage, done: (raw: string) => void): void {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
  req.on("error", () => done(""));
}

export function createPipeline(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { router, state, keys, limiter, faults, stats } = deps;

  function answer(
    res: ServerResponse,
    reply: Reply,
    meta: { start: bigint; requestId: string; domain?: Domain; endpoint: string; truncate: boolean },
  ): void {
    write(res, serialize(reply, meta.start, meta.requestId), meta.requestId, meta.truncate);
    stats.record(meta.domain, meta.endpoint, reply.status);
  }

  function handle(
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
    start: bigint,
    requestId: string,
    fault?: FaultDecision,
  ): void {
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const qi = url.indexOf("?");
    const path = qi < 0 ? url : url.slice(0, qi);
    const meta = {
      start,
      requestId,
      domain: undefined as Domain | undefined,
      endpoint: `${method} (unmatched)`,
      truncate: fault?.kind === "truncate",
    };
    const auth = authenticate(req.headers.authorization, keys);
    if ("status" in auth) {
      answer(res, errorReply(auth.status, auth.message), meta);
      return;
    }
    const matched = router.match(method, path);
    if (!matched) {
      answer(res, errorReply(404, "No handler found for the requested path."), meta);
      return;
    }
    if ("methodNotAllowed" in matched) {
      answer(res, errorReply(405, `Method ${method} is not allowed.`), meta);
      return;
    }
    const { route, params } = matched;
    meta.domain = route.domain;
    meta.endpoint = `${method} ${route.template.replace(/:(\w+)/g, "{$1}")}`;
    const period = limiter.take(route.domain);
    stats.arrive(route.domain, period === undefined);
    if (period !== undefined) {
      const headers = {
        "X-RateLimit-State": "THROTTLED",
        "X-RateLimit-Reason": "ACCOUNT",
        "X-RateLimit-Period-In-Sec": String(period),
      };
      answer(res, errorReply(429, THROTTLE_MESSAGE, {}, headers), meta);
      return;
    }
    const denied = forbiddenReason(state.anomalies.currentKey(auth.key), route);
    if (denied) {
      answer(res, errorReply(403, denied, { code: 40301 }), meta);
      return;
    }
    let body: unknown;
    if (BODY_METHODS.has(method) && raw.trim() !== "") {
      try {
        body = JSON.parse(raw);
      } catch {
        answer(res, errorReply(400, "Could not read the request body: it is not valid JSON."), meta);
        return;
      }
    }
    const host = req.headers.host ?? "127.0.0.1";
    const proto = req.headers["x-forwarded-proto"] === "https" ? "https" : "http";
    const ctx: RequestContext = {
      method,
      path,
      query: new URLSearchParams(qi < 0 ? "" : url.slice(qi + 1)),
      params,
      body,
      baseUrl: `${proto}://${host}`,
      key: auth.key,
      state,
      requestId,
    };
    let reply: Reply;
    try {
      reply = route.handler(ctx);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      reply = errorReply(
        error.status,
        error.message,
        error.status === 403 ? { code: 40301, ...error.extra } : error.extra,
        error.headers,
      );
    }
    answer(res, reply, meta);
  }

  return (req, res) => {
    const start = process_hrtime();
    const requestId = newRequestId();
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    if (url.startsWith("/__sim")) {
      readBody(req, (raw) => {
        let body: unknown;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          body = undefined;
        }
        const out = handleControl(deps.control, method, url.split("?")[0] ?? url, body);
        const json = JSON.stringify(out.body);
        res.writeHead(out.status, {
          "Content-Type": "application/json; charset=utf-8",
          "Content-Length": Buffer.byteLength(json),
        });
        res.end(json);
      });
      return;
    }
    const fault = faults.decide();
    if (fault?.kind === "reset") {
      stats.fault("reset");
      stats.record(undefined, `${method} (reset)`, "reset");
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "5xx") {
      stats.fault("5xx");
      const reply = errorReply(fault.status, FAULT_MESSAGES[fault.status]);
      write(res, serialize(reply, start, requestId), requestId, false);
      stats.record(undefined, `${method} (fault)`, fault.status);
      return;
    }
    if (fault) stats.fault(fault.kind);
    const run = (raw: string): void => {
      try {
        handle(req, res, raw, start, requestId, fault);
      } catch (error) {
        const reply = errorReply(500, `Internal simulator error: ${(error as Error).message}`);
        write(res, serialize(reply, start, requestId), requestId, false);
        stats.record(undefined, `${method} (error)`, 500);
      }
    };
    const go = (): void => {
      if (BODY_METHODS.has(method)) readBody(req, run);
      else {
        req.resume();
        run("");
      }
    };
    if (fault?.kind === "slow") deps.later(faults.config.slowDelayMs, go);
    else go();
  };
}

function process_hrtime(): bigint {
  return process.hrtime.bigint();
}
