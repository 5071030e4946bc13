import { inSnapshot, keepsContent, MAX_CONTENT_BYTES } from "@/collectors/github/files";
import { git, gitRecords } from "./git";

/** One file of a snapshot, as spec/events.md's `repository_files.files`. */
export interface SnapshotFile {
  path: string;
  content?: string;
}

/**
 * The `files` of a `repository_files` snapshot of `ref`'s tree, selected by
 * the same rules as the GitHub collector's (collectors/github/files.ts), with
 * the text of workflows, manifests and configs up to 64 KB. Binary blobs keep
 * only their path.
 */
export async function snapshotTree(dir: string, ref: string, signal?: AbortSignal): Promise<SnapshotFile[]> {
  const entries: { path: string; sha: string; size: number }[] = [];
  // `ls-tree -z --long`: "mode type sha size\tpath" per entry, NUL-terminated.
  for await (const [line] of gitRecords(dir, ["ls-tree", "-r", "-z", "--long", ref], 1, signal)) {
    const tab = line!.indexOf("\t");
    const [, type, sha, size] = line!.slice(0, tab).trim().split(/\s+/);
    const path = line!.slice(tab + 1);
    if (type === "blob" && inSnapshot(path)) entries.push({ path, sha: sha!, size: Number(size) });
  }
  const files: SnapshotFile[] = [];
  for (const entry of entries) {
    if (!keepsContent(entry.path) || !(entry.size <= MAX_CONTENT_BYTES)) {
      files.push({ path: entry.path });
      continue;
    }
    const { stdout } = await git(dir, ["cat-file", "blob", entry.sha]);
    files.push(stdout.includes("\0") ? { path: entry.path } : { path: entry.path, content: stdout });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
