/**
 * Account abilities (reference §1.1; spec `/abilities`): the list, and a check of one ability (204 when the
 * account has it, 402 when it is a known ability the account lacks, 404 for an unknown name).
 */
import { ok, type Reply } from "../kit/reply.ts";
import { abilityMissing, notFound } from "./errors.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { DEFAULT_ABILITIES } from "./vocabulary.ts";

function listAbilities(ctx: RequestContext): Reply {
  return ok({ abilities: [...ctx.state.dir.abilities] });
}

function checkAbility(ctx: RequestContext): Reply {
  const name = ctx.params.id ?? "";
  if (ctx.state.dir.abilities.has(name)) return { status: 204, body: {} };
  if ((DEFAULT_ABILITIES as readonly string[]).includes(name)) throw abilityMissing(name);
  throw notFound();
}

export const abilityRoutes: Route[] = [
  route("GET", "/abilities", listAbilities),
  route("GET", "/abilities/:id", checkAbility),
];
