/** Addresses in the dashboard, absolute, for links in mail and chat. */
export interface DashboardLinks {
  home: (slug: string) => string;
  metric: (slug: string, metricSlug: string, window: { from: string; to: string }, team?: string | null) => string;
  team: (slug: string, team: string, window: { from: string; to: string }) => string;
  maturity: (slug: string, team: string | null) => string;
}

/** The default public address of the dashboard (`altimeter serve` on this machine). */
export const DEFAULT_PUBLIC_URL = "http://localhost:3000";

/** Links into the dashboard at `base` (ALTIMETER_PUBLIC_URL, the config's publicUrl, else http://localhost:3000). */
export function dashboardLinks(base: string): DashboardLinks {
  const root = base.replace(/\/+$/, "");
  const w = (slug: string) => `${root}/w/${encodeURIComponent(slug)}`;
  const query = (params: Record<string, string | null | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    return q.toString();
  };
  return {
    home: w,
    metric: (slug, metricSlug, window, team) =>
      `${w(slug)}/metrics/${metricSlug}?${query({ from: window.from, to: window.to, team })}`,
    team: (slug, team, window) => `${w(slug)}/teams/${encodeURIComponent(team)}?${query(window)}`,
    maturity: (slug, team) => `${w(slug)}/maturity${team ? `/${encodeURIComponent(team)}` : ""}`,
  };
}

/**
 * A record's own address (a deployment, an incident, a pull request, as its
 * source gave it) when it is an absolute http(s) URL, normalised so that
 * spaces, quotes and angle brackets are percent-encoded; null otherwise. Only
 * such links reach a digest: a `javascript:` or `data:` URL from a record is dropped.
 */
export function httpLink(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
}
