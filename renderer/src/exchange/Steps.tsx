/** The steps each side takes (invitation, hand-over, key change), folded under a title. */
export function Steps({ title, steps }: { title: string; steps: string[] }) {
  return (
    <details className="exchange-steps">
      <summary>{title}</summary>
      <ol>
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </details>
  );
}
