/**
 * A polite status region, rendered from the first paint so that screen readers are already
 * listening when its text changes (Adyen's SR panel).
 */
export function LiveRegion({ message }: { message: string }) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="ayo-sr-only">
      {message}
    </div>
  );
}
