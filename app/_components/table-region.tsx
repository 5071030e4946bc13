import type { ReactNode } from "react";

/**
 * A table that may be wider than a phone: it scrolls inside a labelled,
 * focusable region, so keyboard users can scroll it too.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
