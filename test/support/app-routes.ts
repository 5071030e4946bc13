/**
 * Every route of the app, read from the `app/` tree (pages and route
 * handlers), so a test that visits them all cannot miss a new one.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const APP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");

export interface AppRoute {
  /** `/w/[workspace]/teams/[team]`: route groups and private folders left out. */
  pattern: string;
  kind: "page" | "route";
  /** The HTTP methods it answers (GET for pages). */
  methods: string[];
  file: string;
}

/** Walks app/ for page.tsx and route.ts files. */
export function appRoutes(dir = APP, segments: string[] = []): AppRoute[] {
  const out: AppRoute[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_")) continue; // private folders: components, helpers
      const inUrl = /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name];
      out.push(...appRoutes(full, inUrl));
    } else if (/^page\.(tsx|ts|jsx|js)$/.test(entry.name)) {
      out.push({ pattern: `/${segments.join("/")}`, kind: "page", methods: ["GET"], file: full });
    } else if (/^route\.(ts|js)$/.test(entry.name)) {
      const text = readFileSync(full, "utf8");
      const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) =>
        new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(text),
      );
      out.push({ pattern: `/${segments.join("/")}`, kind: "route", methods, file: full });
    }
  }
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** A pattern with its dynamic segments filled in; an unknown segment name throws, so a new one is noticed. */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, _dots, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for the segment [${name}] of ${pattern}: add one to the test`);
    return encodeURIComponent(v);
  });
}
