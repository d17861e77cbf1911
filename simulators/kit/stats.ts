/**
 * Request accounting for /__sim/stats: counts by domain, endpoint template and status, plus the highest
 * per-second and per-minute request rates seen per domain (what a gateway test asserts it stayed under).
 * Domains are the rate-limit domains of the simulator's routes.
 */

/** Counts per whole second in a 60-slot ring; the ring sum is a sliding one-minute window. */
class RateMeter {
  private readonly ring = new Array<number>(60).fill(0);
  private lastSec = -1;
  private minuteSum = 0;
  maxPerSecond = 0;
  maxPerMinute = 0;

  record(nowMs: number): void {
    const sec = Math.floor(nowMs / 1000);
    if (sec !== this.lastSec) {
      const from = this.lastSec < 0 ? sec : Math.max(this.lastSec + 1, sec - 59);
      for (let s = from; s <= sec; s++) {
        this.minuteSum -= this.ring[s % 60] as number;
        this.ring[s % 60] = 0;
      }
      this.lastSec = sec;
    }
    const slot = sec % 60;
    const count = (this.ring[slot] as number) + 1;
    this.ring[slot] = count;
    this.minuteSum += 1;
    if (count > this.maxPerSecond) this.maxPerSecond = count;
    if (this.minuteSum > this.maxPerMinute) this.maxPerMinute = this.minuteSum;
  }
}

/** What GET /__sim/stats answers. */
export interface StatsSnapshot {
  /** ISO-8601 time of the start or the last reset. */
  since: string;
  /** Requests answered (or deliberately dropped); control calls are not counted. */
  total: number;
  /** Answers with status 429. */
  throttled: number;
  byDomain: Record<string, number>;
  /** Keyed "GET /v2/users/{identifier}", or "GET (unmatched)", "GET (fault)", "GET (reset)", "GET (error)". */
  byEndpoint: Record<string, number>;
  /** Keyed by status code, or "reset" for dropped connections. */
  byStatus: Record<string, number>;
  /** Injected faults by kind. */
  faults: Record<string, number>;
  /** Highest rates of requests reaching each domain (throttled ones included) and of accepted ones. */
  rates: Record<
    string,
    { maxPerSecond: number; maxPerMinute: number; maxAcceptedPerSecond: number; maxAcceptedPerMinute: number }
  >;
}

/** The counters behind /__sim/stats. */
export class Stats {
  private since = new Date();
  private total = 0;
  private throttled = 0;
  private byDomain = new Map<string, number>();
  private byEndpoint = new Map<string, number>();
  private byStatus = new Map<string, number>();
  private faults = new Map<string, number>();
  private meters = new Map<string, { all: RateMeter; accepted: RateMeter }>();

  /** Forgets everything and restarts `since`. */
  reset(): void {
    this.since = new Date();
    this.total = 0;
    this.throttled = 0;
    this.byDomain.clear();
    this.byEndpoint.clear();
    this.byStatus.clear();
    this.faults.clear();
    this.meters.clear();
  }

  /** Called once per request as it reaches a domain (before the limiter decides). */
  arrive(domain: string, accepted: boolean): void {
    let m = this.meters.get(domain);
    if (!m) {
      m = { all: new RateMeter(), accepted: new RateMeter() };
      this.meters.set(domain, m);
    }
    const now = Date.now();
    m.all.record(now);
    if (accepted) m.accepted.record(now);
  }

  /** Called once per answered (or deliberately dropped) request. */
  record(domain: string | undefined, endpoint: string, status: number | string): void {
    this.total++;
    if (status === 429) this.throttled++;
    if (domain) bump(this.byDomain, domain);
    bump(this.byEndpoint, endpoint);
    bump(this.byStatus, String(status));
  }

  /** Counts an injected fault of `kind`. */
  fault(kind: string): void {
    bump(this.faults, kind);
  }

  /** A copy of the counters. */
  snapshot(): StatsSnapshot {
    const rates: StatsSnapshot["rates"] = {};
    for (const [domain, m] of this.meters) {
      rates[domain] = {
        maxPerSecond: m.all.maxPerSecond,
        maxPerMinute: m.all.maxPerMinute,
        maxAcceptedPerSecond: m.accepted.maxPerSecond,
        maxAcceptedPerMinute: m.accepted.maxPerMinute,
      };
    }
    return {
      since: this.since.toISOString(),
      total: this.total,
      throttled: this.throttled,
      byDomain: Object.fromEntries(this.byDomain),
      byEndpoint: Object.fromEntries(this.byEndpoint),
      byStatus: Object.fromEntries(this.byStatus),
      faults: Object.fromEntries(this.faults),
      rates,
    };
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
