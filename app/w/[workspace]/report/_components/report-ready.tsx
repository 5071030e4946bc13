"use client";

import { useEffect } from "react";

const GIVE_UP_MS = 20_000;

/**
 * Marks the report's root `data-report-ready="true"` once every chart has
 * drawn its SVG at a real size and the fonts are loaded, so the PDF printer
 * (lib/report/print.ts) never prints an empty chart. After 20 s it says what
 * is missing instead, and the printer refuses to print.
 */
export function ReportReady({ charts }: { charts: number }) {
  useEffect(() => {
    const root = document.querySelector<HTMLElement>("[data-report-root]");
    if (!root) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = performance.now();
    const drawn = () =>
      [...root.querySelectorAll<SVGSVGElement>("[data-report-chart] svg.recharts-surface")].filter(
        (svg) => svg.getBoundingClientRect().width > 0,
      ).length;
    const check = async () => {
      if (cancelled) return;
      const n = drawn();
      if (n >= charts) {
        await document.fonts.ready;
        // Two frames: the last chart's paths are laid out before the printer looks.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => !cancelled && root.setAttribute("data-report-ready", "true")),
        );
        return;
      }
      if (performance.now() - started > GIVE_UP_MS) {
        root.setAttribute("data-report-ready", `${n} of ${charts} charts drawn after ${GIVE_UP_MS / 1000} s`);
        return;
      }
      timer = setTimeout(check, 50);
    };
    void check();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [charts]);
  return null;
}
