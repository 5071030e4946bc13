import { execFileSync } from "node:child_process";
import { HOUR_MS } from "@/lib/time";

/**
 * Writes `commits` commits by a few authors onto `main` of an existing
 * repository with `git fast-import` (thousands a second), every 100th tagged
 * as a release and every 10th a merge-style PR commit ("… (#N)").
 */
export function writeHistory(dir: string, commits: number, start = Date.parse("2025-01-01T00:00:00Z")): void {
  const authors = ["Ana <ana@acme.com>", "Ben <ben@acme.com>", "Chi <chi@acme.com>", "Dee <dee@acme.com>"];
  const parts: string[] = [];
  for (let i = 1; i <= commits; i++) {
    const at = Math.floor((start + i * HOUR_MS) / 1000);
    const message = i % 10 === 0 ? `Change ${i} (#${i / 10})` : `Change ${i}`;
    parts.push(
      "commit refs/heads/main",
      `mark :${i}`,
      `author ${authors[i % authors.length]} ${at} +0000`,
      `committer ${authors[i % authors.length]} ${at} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      ...(i > 1 ? [`from :${i - 1}`] : []),
      `M 644 inline file.txt`,
      `data ${String(i).length}`,
      String(i),
      "",
    );
    if (i % 100 === 0) parts.push(`reset refs/tags/v1.${i / 100}`, `from :${i}`, "");
  }
  execFileSync("git", ["fast-import", "--quiet"], { cwd: dir, input: `${parts.join("\n")}\n` });
  execFileSync("git", ["checkout", "--quiet", "-f", "main"], { cwd: dir });
}
