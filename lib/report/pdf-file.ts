import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { UpstreamError } from "@/lib/errors";

/**
 * Whether bytes are a whole PDF: the header at the start and the end-of-file
 * marker in the last kilobyte. A truncated write or an error page fails it.
 */
export function isCompletePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString("latin1");
  return head === "%PDF-" && tail.includes("%%EOF");
}

/** Pages of a PDF as Chromium writes them (uncompressed page objects); null when it cannot tell. */
export function countPdfPages(bytes: Uint8Array): number | null {
  const text = Buffer.from(bytes).toString("latin1");
  const n = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  return n > 0 ? n : null;
}

/**
 * Writes a PDF so that `file` either keeps what it had or holds the whole new
 * document: a temporary file beside it, flushed to disk, then renamed over it.
 */
export function writePdfAtomically(file: string, pdf: Uint8Array): void {
  if (!isCompletePdf(pdf))
    throw new UpstreamError("Chromium returned an incomplete PDF; nothing was written", "server");
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, pdf);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
