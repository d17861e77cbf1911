import type { RateWindow } from "./token-bucket.ts";

/** One rate-limit domain's windows, as a provider tells or assumes them (`"*"` is every other domain). */
export interface DomainLimits {
  domain: string;
  windows: RateWindow[];
}

type ByAccount = Map<string, Map<string, RateWindow[]>>;

/**
 * The limits known per (provider, account): the ones the provider told (read from it; they win) and the ones
 * it assumes until then (a learnt rate starts from them). Invalid windows (non-positive, non-finite) are dropped.
 */
export class AccountLimits {
  readonly #told: ByAccount = new Map();
  readonly #assumed: ByAccount = new Map();

  /** Replaces the told limits of the given domains. */
  tell(accountId: string, provider: string, limits: DomainLimits[]): void {
    setLimits(this.#told, accountId, provider, limits);
  }

  /** Replaces the assumed limits of the given domains. */
  assume(accountId: string, provider: string, limits: DomainLimits[]): void {
    setLimits(this.#assumed, accountId, provider, limits);
  }

  /** Told for the domain, else told for `"*"`, else undefined. */
  told(key: { accountId: string; provider: string; domain: string }): RateWindow[] | undefined {
    const domains = this.#told.get(accountKey(key));
    return domains?.get(key.domain) ?? domains?.get("*");
  }

  /** Assumed for the domain, else assumed for `"*"`, else undefined. */
  assumed(key: { accountId: string; provider: string; domain: string }): RateWindow[] | undefined {
    const domains = this.#assumed.get(accountKey(key));
    return domains?.get(key.domain) ?? domains?.get("*");
  }
}

function accountKey(key: { provider: string; accountId: string }): string {
  return `${encodeURIComponent(key.provider)}:${encodeURIComponent(key.accountId)}`;
}

function setLimits(into: ByAccount, accountId: string, provider: string, limits: DomainLimits[]): void {
  const id = accountKey({ provider, accountId });
  const domains = into.get(id) ?? new Map<string, RateWindow[]>();
  for (const { domain, windows } of limits) domains.set(domain, windows.filter(isValidWindow));
  into.set(id, domains);
}

function isValidWindow(window: RateWindow): boolean {
  return (
    Number.isFinite(window.limit) &&
    window.limit > 0 &&
    Number.isFinite(window.periodSeconds) &&
    window.periodSeconds > 0
  );
}
