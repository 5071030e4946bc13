/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went:
 * self time per function, and per file, heaviest first.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  name: string;
  selfMs: number;
  percent: number;
}

/** The newest .cpuprofile in a directory, or null. */
export function newestProfile(dir: string): string | null {
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => path.join(dir, f));
    return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0] ?? null;
  } catch {
    return null;
  }
}

function shortUrl(url: string, root: string): string {
  const plain = url.replace(/^file:\/\//, "");
  if (plain === "") return "";
  const relative = plain.startsWith(root) ? path.relative(root, plain) : plain;
  return relative.replace(/^node_modules\/(\.pnpm\/)?/, "nm/");
}

/** Top `limit` functions and files by self time. */
export function hotspots(
  file: string,
  root: string,
  limit = 15,
): { totalMs: number; functions: Hotspot[]; files: Hotspot[] } {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByNode = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + dt);
  });
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, ms] of selfByNode) {
    const { functionName, url, lineNumber } = byNode.get(id)!.callFrame;
    const where = shortUrl(url, root);
    const fn = `${functionName || "(anonymous)"}${where ? ` ${where}:${lineNumber + 1}` : ""}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    const f = where || functionName;
    files.set(f, (files.get(f) ?? 0) + ms);
  }
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, selfMs]) => ({ name, selfMs, percent: (100 * selfMs) / total }));
  return { totalMs: total, functions: top(functions), files: top(files) };
}

/** The hotspots as printable lines. */
export function describeHotspots(title: string, h: ReturnType<typeof hotspots>): string {
  const line = (x: Hotspot) =>
    `    ${x.percent.toFixed(1).padStart(5)}%  ${x.selfMs.toFixed(0).padStart(7)} ms  ${x.name}`;
  return [
    `${title} (${(h.totalMs / 1000).toFixed(1)} s sampled), self time by function:`,
    ...h.functions.map(line),
    "  by file:",
    ...h.files.map(line),
  ].join("\n");
}
