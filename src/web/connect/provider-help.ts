/**
 * Provider-specific words for the connect page, keyed by integration name. Roster's core stays
 * provider-agnostic; this small map is presentation only, and a provider without an entry still gets a
 * working form built from its credential fields.
 */
export interface ProviderHelp {
  /** Steps to create a key, shown in a "Where do I find the key?" disclosure. */
  keySteps: string[];
  /** Readable labels of select options, by field name then value. */
  optionLabels?: Record<string, Record<string, string>>;
  /** One line under a field, by field name, when the session's field has no help of its own. */
  fieldHelp?: Record<string, string>;
}

export const providerHelp: Record<string, ProviderHelp> = {
  opsgenie: {
    keySteps: [
      "In Opsgenie, open Settings → Integrations, add (or open) an “API” integration and copy its API key. Make sure “Restrict access to configurations” is off.",
      "Or open Settings → API key management, create a key with Read and Configuration Access, and copy it.",
      "Read-only access is enough: Roster only reads users, teams and roles. Team API keys cannot read them.",
    ],
    optionLabels: {
      region: { us: "US — app.opsgenie.com", eu: "EU — app.eu.opsgenie.com" },
    },
    fieldHelp: {
      region: "Where your Opsgenie account lives: EU if you sign in at app.eu.opsgenie.com.",
    },
  },
};
