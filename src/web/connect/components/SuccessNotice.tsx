import { useEffect, useRef } from "react";
import type { Delivery } from "../notify-host.ts";

const texts: Record<Delivery, string> = {
  posted: "Connected. This window will close; if it does not, you can close it.",
  redirected: "Connected. Taking you back…",
  shown: "Connected. You can close this window.",
};

export function SuccessNotice({
  integrationLabel,
  delivery,
}: {
  integrationLabel: string;
  delivery: Delivery;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="notice notice-success" role="status" tabIndex={-1} ref={ref} data-state="connected">
      <h2 className="notice-heading">{integrationLabel} is connected</h2>
      <p>{texts[delivery]}</p>
    </div>
  );
}
