import { linkedWith, shortId } from "../format.ts";
import type { Account } from "../types.ts";

/**
 * An account card's title: provider and tenant, then how it was linked and its short id (the full id in a
 * tooltip), so two accounts of one provider and tenant tell apart. The card names itself by both lines:
 * aria-labelledby={`${id} ${id}-ref`}.
 */
export function AccountTitle({ account, id }: { account: Account; id: string }) {
  return (
    <div>
      <h2 id={id}>
        {account.integration} · {account.tenant_id}
      </h2>
      <p id={`${id}-ref`} className="small muted account-ref">
        {linkedWith(account)} ·{" "}
        <span title={account.id} data-field="account-id">
          {shortId(account.id)}
        </span>
      </p>
    </div>
  );
}
