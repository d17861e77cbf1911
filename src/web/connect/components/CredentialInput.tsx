import type { CredentialField } from "../api.ts";

interface Props {
  field: CredentialField;
  value: string;
  onChange(value: string): void;
  disabled: boolean;
}

/** One credential field, rendered from the session's description: a select, a password or a text input. */
export function CredentialInput({ field, value, onChange, disabled }: Props) {
  const id = `field-${field.name}`;
  const help = field.help;
  const helpId = help ? `${id}-help` : undefined;
  const optionLabels = field.option_labels ?? {};
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.required ? null : <span className="optional"> (optional)</span>}
      </label>
      {field.type === "select" ? (
        <select
          id={id}
          name={field.name}
          value={value}
          required={field.required}
          disabled={disabled}
          aria-describedby={helpId}
          onChange={(event) => onChange(event.target.value)}
        >
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {optionLabels[option] ?? option}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={field.name}
          type={field.type === "password" ? "password" : "text"}
          value={value}
          required={field.required}
          disabled={disabled}
          aria-describedby={helpId}
          // Keys must not be remembered by the browser or "corrected" by a phone keyboard.
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {help ? (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      ) : null}
    </div>
  );
}
