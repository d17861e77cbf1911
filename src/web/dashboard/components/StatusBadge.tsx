const words: Record<string, string> = {
  active: "Active",
  needs_reauth: "Needs reconnecting",
  validation_error: "Credentials invalid",
};

/** The account status in words; anything but active stands out (colour and an icon, not colour alone). */
export function StatusBadge({ status }: { status: string }) {
  const ok = status === "active";
  return (
    <span className={`badge ${ok ? "ok" : "alert"}`} data-status={status}>
      <span aria-hidden="true">{ok ? "●" : "▲"}</span> {words[status] ?? status}
    </span>
  );
}
