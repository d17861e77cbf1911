/**
 * Rate-limit domains (reference §5.1): the Jira platform on the customer's site (burst per second per
 * tenant, 429 + `Retry-After`), and JSM Ops, Teams and the admin API, whose limits are not published.
 */
export const domains = { site: "site", ops: "ops", admin: "admin" } as const;

/** Host names of the definition (`hosts`): the customer's site and `api.atlassian.com`. */
export const hosts = { site: "site", api: "api" } as const;
