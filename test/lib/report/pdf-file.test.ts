import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { isCompletePdf, writePdfAtomically } from "@/lib/report/pdf-file";

const pdf = (body: string) => Buffer.from(`%PDF-1.4\n${body}\n%%EOF\n`, "latin1");

describe("writing the report file", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-pdf-file-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a PDF is complete only with its header and its end-of-file marker", () => {
    expect(isCompletePdf(pdf("1 0 obj << >> endobj"))).toBe(true);
    expect(isCompletePdf(Buffer.from("%PDF-1.4\n1 0 obj << /Type /Page", "latin1"))).toBe(false);
    expect(isCompletePdf(Buffer.from("<!DOCTYPE html><p>Internal error</p>"))).toBe(false);
  });

  test("a complete PDF replaces the file whole; an incomplete one leaves the old file and no temporary file behind", () => {
    const file = path.join(dir, "report.pdf");
    writeFileSync(file, pdf("old"));
    writePdfAtomically(file, pdf("new"));
    expect(readFileSync(file, "latin1")).toContain("new");
    expect(() => writePdfAtomically(file, Buffer.from("%PDF-1.4\ntruncated", "latin1"))).toThrow(
      "Chromium returned an incomplete PDF; nothing was written",
    );
    expect(readFileSync(file, "latin1")).toContain("new");
    expect(readdirSync(dir)).toEqual(["report.pdf"]);
  });
});
