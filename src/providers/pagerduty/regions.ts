/**
 * PagerDuty's service regions and their REST API base URLs (reference §1.1): US `https://api.pagerduty.com`
 * (the OpenAPI `servers` entry), EU `https://api.eu.pagerduty.com`. Operators may move either with
 * `PAGERDUTY_US_BASE_URL` / `PAGERDUTY_EU_BASE_URL`.
 */
export const regions = {
  us: { baseUrl: "https://api.pagerduty.com" },
  eu: { baseUrl: "https://api.eu.pagerduty.com" },
} as const satisfies Record<string, { baseUrl: string }>;
