import type { ReactNode } from "react";

/**
 * A table that may be wider than a phone: it scrolls inside a labelled,
 * focusable region, so keyboard users can scroll it too.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A scrollable region must take focus to be scrolled by keyboard (WCAG 2.1.1; axe's scrollable-region-focusable).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the region scrolls, so it is interactive for keyboard users
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
