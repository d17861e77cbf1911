interface Props {
  label: string;
  value: "key" | "oauth";
  onChange(method: "key" | "oauth"): void;
  disabled: boolean;
}

/** For an integration that offers both: the provider's own sign-in, or a key entered here. */
export function MethodChoice({ label, value, onChange, disabled }: Props) {
  return (
    <fieldset className="field integration-choice">
      <legend>How to connect</legend>
      <label className="choice">
        <input
          type="radio"
          name="method"
          value="oauth"
          checked={value === "oauth"}
          disabled={disabled}
          onChange={() => onChange("oauth")}
        />
        Sign in with {label}
      </label>
      <label className="choice">
        <input
          type="radio"
          name="method"
          value="key"
          checked={value === "key"}
          disabled={disabled}
          onChange={() => onChange("key")}
        />
        Enter an API key
      </label>
    </fieldset>
  );
}
