/** The site host a simulator answers as: `<name>.atlassian.net`, the only form Atlassian Cloud sites take. */

const SITE = /^[a-z0-9-]{1,63}\.atlassian\.net$/;

/** Returns `site` when it is `<name>.atlassian.net` (lower-case letters, digits, '-'); throws otherwise. */
export function checkSite(site: string): string {
  if (!SITE.test(site))
    throw new Error(`site must be <name>.atlassian.net (lower-case letters, digits, '-'), got "${site}"`);
  return site;
}
