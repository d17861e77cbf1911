/** "Where do I find the key?": the integration's own setup steps; nothing when it has none. */
export function KeyHelp({ steps }: { steps: string[] }) {
  if (steps.length === 0) return null;
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
