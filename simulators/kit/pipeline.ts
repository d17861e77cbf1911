/**
 * The request pipeline on plain node:http, in the order a real gateway applies it:
 * control surface -> fault injection -> authentication -> routing (404/405) -> rate limit (429)
 * -> key permissions (403) -> JSON body (400) -> handler. The order and the mechanics (faults, stats, body
 * reading, truncation) are the kit's; what each answer looks like is the provider's Dialect.
 */

import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { handleControl, type SimControl } from "./control.ts";
import type { FaultRule, FaultRules } from "./fault-rules.ts";
import type { FaultDecision, FaultInjector } from "./faults.ts";
import { type ListenOptions, type RunningServer, startHttpServer } from "./http-server.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { HttpError, type Reply } from "./reply.ts";
import type { RequestContext, Route } from "./route.ts";
import type { Router } from "./router.ts";
import type { Stats } from "./stats.ts";

/** An answer ready for the wire. */
export interface Outgoing {
  status: number;
  /** The body, serialized. */
  json: string;
  /**
   * Headers after Content-Type ("application/json; charset=utf-8") and Content-Length, in this order;
   * a "Content-Type" here replaces the default.
   */
  headers: Record<string, string>;
}

/**
 * A provider's side of the pipeline: how it authenticates and how every answer looks. `Key` is what
 * authentication yields (handed to handlers as `ctx.key`); `R` is the provider's route type.
 */
export interface Dialect<Key, R> {
  /**
   * The caller's key from the request headers, or the reply refusing it (e.g. 401/422). `path` (no query
   * string) lets a provider whose hosts or APIs authenticate differently (no auth, Basic, Bearer) choose the
   * scheme and the refusal's envelope before routing.
   */
  authenticate(headers: IncomingHttpHeaders, path: string): { key: Key } | { reply: Reply };
  /** No route has this path (404). */
  notFound(method: string, path: string): Reply;
  /** The path exists, but not for this method (405). */
  methodNotAllowed(method: string, path: string): Reply;
  /**
   * The route's domain has no token left; `period` is the window in seconds (1 or 60) that refused, `domain`
   * that route's domain (for providers whose APIs answer a 429 differently).
   */
  throttled(period: 1 | 60, domain: string): Reply;
  /**
   * Whose budget a call spends within its route's domain. Absent: one budget per domain for the whole
   * account (Opsgenie). A string gives each caller its own buckets (PagerDuty: per API key or per user).
   */
  limitSubject?(key: Key): string;
  /** The reply refusing `key` on `route` (403), or undefined when it may call it. */
  forbidden(key: Key, route: R): Reply | undefined;
  /** A POST/PUT/PATCH body that is not JSON (400). */
  invalidJson(): Reply;
  /** An injected 5xx fault. */
  fault(status: 500 | 502 | 503): Reply;
  /** An expected failure a handler threw. */
  httpError(error: HttpError): Reply;
  /** An unexpected exception in a handler: a simulator bug, answered as a 500. */
  internalError(error: Error): Reply;
  /**
   * The `repeat-next` fault rule: `reply` (a list page) made to name its own position as the next page when
   * it is the last one; the reply unchanged otherwise. Without it the rule changes nothing.
   */
  repeatNext?(reply: Reply, query: URLSearchParams): Reply;
  /**
   * The wire form of `reply`: the provider's standard body members and headers are added here.
   * `startNs` is process.hrtime.bigint() when the request arrived; `requestId` a fresh UUID; `key` the
   * authenticated caller and `domain` the matched route's rate-limit domain, when the request got that far
   * (so per-caller headers such as a remaining budget can be reported).
   */
  serialize(reply: Reply, meta: SerializeMeta<Key>): Outgoing;
}

/** What the pipeline knows about a request when it serializes the answer. */
export interface SerializeMeta<Key> {
  startNs: bigint;
  requestId: string;
  /** The caller, once authenticated. */
  key?: Key;
  /** The matched route's rate-limit domain. */
  domain?: string;
}

/** Everything the pipeline runs on; `State` is handed to handlers as `ctx.state`. */
export interface PipelineDeps<State, Key, R extends Route<RequestContext<State, Key>>> {
  router: Router<R>;
  dialect: Dialect<Key, R>;
  state: State;
  limiter: RateLimiter<R["domain"]>;
  faults: FaultInjector;
  faultRules: FaultRules;
  stats: Stats;
  control: SimControl<R["domain"]>;
  /** Schedules `fn` after `ms`, tracked so close() can cancel slow-fault timers. */
  later(ms: number, fn: () => void): void;
  /**
   * Sees every request first and answers it itself when it returns true (e.g. a mounted OAuth
   * authorization server, or a gateway prefix it strips from `req.url` before returning false).
   */
  intercept?(req: IncomingMessage, res: ServerResponse): boolean;
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

function write(res: ServerResponse, out: Outgoing, truncate: boolean): void {
  if (out.status === 204 || out.status === 304) {
    // No body, hence no Content-Type or Content-Length: clients read nothing after these statuses.
    res.writeHead(out.status, out.headers);
    res.end();
    return;
  }
  const body = Buffer.from(out.json);
  res.writeHead(out.status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": body.length,
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

/** The node:http request listener of one simulator. */
export function createPipeline<State, Key, R extends Route<RequestContext<State, Key>>>(
  deps: PipelineDeps<State, Key, R>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { router, dialect, state, limiter, faults, stats } = deps;

  function answer(
    res: ServerResponse,
    reply: Reply,
    meta: {
      start: bigint;
      requestId: string;
      domain?: R["domain"];
      key?: Key;
      endpoint: string;
      truncate: boolean;
    },
  ): void {
    const out = dialect.serialize(reply, {
      startNs: meta.start,
      requestId: meta.requestId,
      key: meta.key,
      domain: meta.domain,
    });
    write(res, out, meta.truncate);
    stats.record(meta.domain, meta.endpoint, reply.status);
  }

  function handle(
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
    start: bigint,
    requestId: string,
    fault?: FaultDecision,
    rule?: FaultRule,
  ): void {
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const qi = url.indexOf("?");
    const path = qi < 0 ? url : url.slice(0, qi);
    const meta = {
      start,
      requestId,
      domain: undefined as R["domain"] | undefined,
      key: undefined as Key | undefined,
      endpoint: `${method} (unmatched)`,
      truncate: fault?.kind === "truncate",
    };
    const auth = dialect.authenticate(req.headers, path);
    if ("reply" in auth) {
      answer(res, auth.reply, meta);
      return;
    }
    meta.key = auth.key;
    const matched = router.match(method, path);
    if (!matched) {
      answer(res, dialect.notFound(method, path), meta);
      return;
    }
    if ("methodNotAllowed" in matched) {
      answer(res, dialect.methodNotAllowed(method, path), meta);
      return;
    }
    const { route, params } = matched;
    meta.domain = route.domain;
    meta.endpoint = `${method} ${route.template.replace(/:(\w+)/g, "{$1}")}`;
    const period = limiter.take(route.domain, dialect.limitSubject?.(auth.key));
    stats.arrive(route.domain, period === undefined);
    if (period !== undefined) {
      answer(res, dialect.throttled(period, route.domain), meta);
      return;
    }
    const denied = dialect.forbidden(auth.key, route);
    if (denied) {
      answer(res, denied, meta);
      return;
    }
    let body: unknown;
    if (BODY_METHODS.has(method) && raw.trim() !== "") {
      try {
        body = JSON.parse(raw);
      } catch {
        answer(res, dialect.invalidJson(), meta);
        return;
      }
    }
    const host = req.headers.host ?? "127.0.0.1";
    const proto = req.headers["x-forwarded-proto"] === "https" ? "https" : "http";
    const ctx: RequestContext<State, Key> = {
      method,
      path,
      query: new URLSearchParams(qi < 0 ? "" : url.slice(qi + 1)),
      params,
      headers: req.headers,
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
      reply = dialect.httpError(error);
    }
    if (rule?.kind === "repeat-next") {
      const repeated = dialect.repeatNext?.(reply, ctx.query) ?? reply;
      if (repeated !== reply) stats.fault("repeat-next");
      reply = repeated;
    }
    answer(res, reply, meta);
  }

  return (req, res) => {
    if (deps.intercept?.(req, res)) return;
    const start = process.hrtime.bigint();
    const requestId = randomUUID();
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
        const out = handleControl(deps.control, limiter.domains, method, url.split("?")[0] ?? url, body);
        const json = JSON.stringify(out.body);
        res.writeHead(out.status, {
          "Content-Type": "application/json; charset=utf-8",
          "Content-Length": Buffer.byteLength(json),
        });
        res.end(json);
      });
      return;
    }
    const qi = url.indexOf("?");
    const rule = deps.faultRules.match(
      method,
      qi < 0 ? url : url.slice(0, qi),
      new URLSearchParams(qi < 0 ? "" : url.slice(qi + 1)),
    );
    if (rule?.kind === "5xx") {
      const status = rule.status ?? 503;
      stats.fault("5xx");
      write(res, dialect.serialize(dialect.fault(status), { startNs: start, requestId }), false);
      stats.record(undefined, `${method} (fault)`, status);
      return;
    }
    // A request a rule picked is not also exposed to the random faults.
    const fault = rule ? undefined : faults.decide();
    if (fault?.kind === "reset") {
      stats.fault("reset");
      stats.record(undefined, `${method} (reset)`, "reset");
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "5xx") {
      stats.fault("5xx");
      write(res, dialect.serialize(dialect.fault(fault.status), { startNs: start, requestId }), false);
      stats.record(undefined, `${method} (fault)`, fault.status);
      return;
    }
    if (fault) stats.fault(fault.kind);
    const run = (raw: string): void => {
      try {
        handle(req, res, raw, start, requestId, fault, rule);
      } catch (error) {
        write(
          res,
          dialect.serialize(dialect.internalError(error as Error), { startNs: start, requestId }),
          false,
        );
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
    if (rule?.kind === "hang") {
      stats.fault("hang");
      // Without a delay the request is never answered: the client gives up or close() drops the socket.
      if (rule.delayMs !== undefined) deps.later(rule.delayMs, go);
    } else if (fault?.kind === "slow") deps.later(faults.config.slowDelayMs, go);
    else go();
  };
}

/** Serves a simulator's pipeline on node:http (see startHttpServer): the one way every simulator listens. */
export function servePipeline<State, Key, R extends Route<RequestContext<State, Key>>>(
  deps: Omit<PipelineDeps<State, Key, R>, "later">,
  options: ListenOptions = {},
): Promise<RunningServer> {
  return startHttpServer((later) => createPipeline({ ...deps, later }), options);
}
