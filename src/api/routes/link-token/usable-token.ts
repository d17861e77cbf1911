import { AppError } from "../../../core/errors.ts";
import type { LinkToken, LinkTokenRepository } from "../../../store/link-tokens.ts";

/** The token behind a link, if it can still be used; otherwise the reason, in words a person understands. */
export async function usableToken(tokens: LinkTokenRepository, token: string): Promise<LinkToken> {
  const row = await tokens.find(token);
  if (!row) throw new AppError("invalid_link_token");
  if (row.used_at) throw new AppError("link_token_used");
  if (Date.parse(row.expires_at) <= Date.now()) throw new AppError("link_token_expired");
  return row;
}
