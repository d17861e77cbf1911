import type { IntegrationOption } from "../api.ts";

interface Props {
  integrations: IntegrationOption[];
  value: string;
  onChange(name: string): void;
  disabled: boolean;
}

/** Radio buttons (arrow keys move between them) for when the link does not preset the integration. */
export function IntegrationChoice({ integrations, value, onChange, disabled }: Props) {
  return (
    <fieldset className="field integration-choice">
      <legend>Tool to connect</legend>
      {integrations.map((integration) => (
        <label key={integration.name} className="choice">
          <input
            type="radio"
            name="integration"
            value={integration.name}
            checked={value === integration.name}
            disabled={disabled}
            required
            onChange={() => onChange(integration.name)}
          />
          {integration.label}
        </label>
      ))}
    </fieldset>
  );
}
