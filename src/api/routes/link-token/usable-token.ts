import { AppError } from "../../../core/errors.ts";
import type { LinkToken, LinkTokenRepository } from "../../../store/link-tokens.ts";

/** The token behind a link, if it can still be used; otherwise the reason, in words a person understands. */
export async function usableToken(tokens: LinkTokenRepository, token: string): Promise<LinkToken> {
  return usableLink(await tokens.find(token));
}

/**
 * A link token row, if it can still be used (the connect page's rules). Throws AppError `invalid_link_token`
 * (404, gone), `link_token_used` or `link_token_expired` (410).
 */
export function usableLink(link: LinkToken | undefined): LinkToken {
  if (!link) throw new AppError("invalid_link_token");
  if (link.used_at) throw new AppError("link_token_used");
  if (Date.parse(link.expires_at) <= Date.now()) throw new AppError("link_token_expired");
  return link;
}
