import { providerHelp } from "../provider-help.ts";

/** "Where do I find the key?" for providers the page has words for; nothing for the others. */
export function KeyHelp({ integration }: { integration: string }) {
  const steps = providerHelp[integration]?.keySteps;
  if (!steps?.length) return null;
  return (
    <details className="key-help">
      <summary>Where do I find the key?</summary>
      <ol>
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </details>
  );
}
