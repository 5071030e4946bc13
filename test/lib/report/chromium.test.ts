import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { UnavailableError } from "@/lib/errors";
import { findChromium } from "@/lib/report/chromium";

describe("finding a Chromium or Chrome to print with", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-chromium-find-"));
  const program = (name: string, mode = 0o755) => {
    const file = path.join(dir, name);
    writeFileSync(file, "#!/bin/sh\nexit 0\n");
    chmodSync(file, mode);
    return file;
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a well-known install path wins over the PATH, and the PATH is searched by the usual names", () => {
    const google = program("google-chrome");
    expect(findChromium({ env: { PATH: dir }, paths: [] })).toBe(google);
    const installed = program("installed-chromium");
    expect(findChromium({ env: { PATH: dir }, paths: [path.join(dir, "missing"), installed] })).toBe(installed);
  });

  test("ALTIMETER_CHROMIUM and an explicit path are used as given, and refused when they are not executable files", () => {
    const custom = program("my-chrome");
    expect(findChromium({ env: { ALTIMETER_CHROMIUM: custom, PATH: "" }, paths: [] })).toBe(custom);
    expect(findChromium({ explicit: custom, env: { PATH: "" }, paths: [] })).toBe(custom);
    const plain = program("not-executable", 0o644);
    expect(() => findChromium({ env: { ALTIMETER_CHROMIUM: plain, PATH: "" }, paths: [] })).toThrow(
      `ALTIMETER_CHROMIUM (${plain}) is not an executable file`,
    );
    expect(() => findChromium({ explicit: path.join(dir, "nowhere"), env: { PATH: "" }, paths: [] })).toThrow(
      /the Chromium path given \(.*nowhere\) is not an executable file: install one \(Debian\/Ubuntu: apt-get install chromium/,
    );
  });

  test("with none anywhere the error says how to install one", () => {
    let error: unknown;
    try {
      findChromium({ env: { PATH: path.join(dir, "empty") }, paths: [] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toBe(
      'no Chromium or Chrome found to print the PDF (looked for chromium, chromium-browser, google-chrome, google-chrome-stable, chrome): install one (Debian/Ubuntu: apt-get install chromium; Fedora: dnf install chromium; macOS: install Google Chrome) or name it with --chromium PATH, ALTIMETER_CHROMIUM or "report": { "chromium": PATH } in the config file',
    );
  });

  test.runIf(existsSync("/usr/bin/chromium"))("on this machine Debian's Chromium is found without any setting", () => {
    expect(findChromium({ env: { PATH: "/usr/bin:/bin" } })).toBe("/usr/bin/chromium");
  });
});
