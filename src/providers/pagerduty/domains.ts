/**
 * PagerDuty's rate-limit domains (reference §1.6): one budget of 960 requests per minute per API key for
 * the whole REST API, so one domain.
 */
export const domains = { rest: "rest" } as const;
