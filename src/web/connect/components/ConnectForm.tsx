import { type FormEvent, useEffect, useRef, useState } from "react";
import {
  type ConnectedAccount,
  type CredentialField,
  connectAccount,
  type IntegrationOption,
  RosterError,
} from "../api.ts";
import { tokenErrorType } from "../error-copy.ts";
import type { LinkMode } from "../link-location.ts";
import { consent } from "../oauth-consent.ts";
import { CredentialInput } from "./CredentialInput.tsx";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { IntegrationChoice } from "./IntegrationChoice.tsx";
import { KeyHelp } from "./KeyHelp.tsx";
import { MethodChoice } from "./MethodChoice.tsx";

interface Props {
  token: string;
  integrations: IntegrationOption[];
  /** Set when the link (or the SDK call) names the integration: no choice is offered then. */
  preset: IntegrationOption | null;
  onConnected(account: ConnectedAccount): void;
  /** The link became unusable while the form was open (expired or used meanwhile). */
  onLinkUnusable(error: RosterError): void;
  /** How the page was opened: decides where the provider's consent screen opens. */
  mode: LinkMode;
}

export function ConnectForm({ token, integrations, preset, onConnected, onLinkUnusable, mode }: Props) {
  const [chosen, setChosen] = useState(
    preset?.name ?? (integrations.length === 1 ? integrations[0]?.name : ""),
  );
  // Values per integration, so switching back and forth keeps what was typed.
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<RosterError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  // The method per integration; the provider's own sign-in first when the operator offers it.
  const [methods, setMethods] = useState<Record<string, "key" | "oauth">>({});
  const integration = integrations.find((candidate) => candidate.name === chosen);
  const offersOAuth = integration?.auth_methods?.includes("oauth") ?? false;
  const method = integration && offersOAuth ? (methods[integration.name] ?? "oauth") : "key";
  const fields = integration?.credentials.fields ?? [];
  const current = { ...defaultValues(fields), ...(integration ? values[integration.name] : {}) };

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("input, select")?.focus();
  }, []);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!integration || submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      onConnected(
        method === "oauth"
          ? await consent(token, integration.name, mode)
          : await connectAccount(token, integration.name, filled(current)),
      );
    } catch (caught) {
      const refusal =
        caught instanceof RosterError ? caught : new RosterError("unexpected_error", String(caught));
      if (tokenErrorType(refusal)) onLinkUnusable(refusal);
      else setError(refusal);
    } finally {
      setSubmitting(false);
    }
  }

  const setValue = (name: string, value: string) => {
    if (!integration) return;
    setValues((all) => ({ ...all, [integration.name]: { ...all[integration.name], [name]: value } }));
  };

  return (
    <form ref={formRef} onSubmit={submit} aria-busy={submitting}>
      {error ? <ErrorNotice error={error} fields={fields} ref={errorRef} /> : null}
      {preset ? null : (
        <IntegrationChoice
          integrations={integrations}
          value={chosen ?? ""}
          onChange={(name) => {
            setChosen(name);
            setError(null);
          }}
          disabled={submitting}
        />
      )}
      {integration && offersOAuth ? (
        <MethodChoice
          label={integration.label}
          value={method}
          onChange={(next) => {
            setMethods((all) => ({ ...all, [integration.name]: next }));
            setError(null);
          }}
          disabled={submitting}
        />
      ) : null}
      {integration && method === "key" ? (
        <>
          {fields.map((field) => (
            <CredentialInput
              key={`${integration.name}.${field.name}`}
              field={field}
              value={current[field.name] ?? ""}
              onChange={(value) => setValue(field.name, value)}
              disabled={submitting}
            />
          ))}
          <KeyHelp steps={integration.setup_steps ?? []} />
        </>
      ) : null}
      <button type="submit" className="primary" disabled={submitting || !integration}>
        {method === "oauth"
          ? submitting
            ? `Waiting for ${integration?.label ?? "the provider"}…`
            : `Continue with ${integration?.label ?? "the provider"}`
          : submitting
            ? "Checking the key…"
            : "Connect"}
      </button>
      <p className="visually-hidden" role="status">
        {submitting
          ? method === "oauth"
            ? `Waiting for the sign-in at ${integration?.label ?? "the provider"}…`
            : `Checking the key with ${integration?.label ?? "the provider"}…`
          : ""}
      </p>
    </form>
  );
}

/** A select starts on its first option (for regions: the provider's default region). */
function defaultValues(fields: CredentialField[]): Record<string, string> {
  return Object.fromEntries(
    fields.filter((field) => field.type === "select").map((field) => [field.name, field.options?.[0] ?? ""]),
  );
}

/** Empty optional fields are left out, so the server applies its own defaults. */
function filled(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ""));
}
