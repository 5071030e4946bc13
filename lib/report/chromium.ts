import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { readEnv } from "@/lib/env";
import { UnavailableError } from "@/lib/errors";

/** Absolute paths tried, in order, after an explicit path and ALTIMETER_CHROMIUM. */
export const CHROMIUM_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/** Program names looked up on the PATH when none of the paths exists. */
export const CHROMIUM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

/** How to get a browser, for error messages. */
export const INSTALL_HINT =
  "install one (Debian/Ubuntu: apt-get install chromium; Fedora: dnf install chromium; macOS: install Google Chrome) " +
  'or name it with --chromium PATH, ALTIMETER_CHROMIUM or "report": { "chromium": PATH } in the config file';

function executable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where to look: explicit paths, well-known install paths, then the PATH. */
export interface ChromiumSearch {
  /** `--chromium` or the config file's `report.chromium`; must exist when given. */
  explicit?: string | null;
  /** Default process.env. */
  env?: Record<string, string | undefined>;
  paths?: readonly string[];
  names?: readonly string[];
}

/**
 * The Chromium or Chrome that prints reports: the explicit path, else
 * ALTIMETER_CHROMIUM, else the first well-known path or PATH entry that is an
 * executable file. None found is an UnavailableError saying how to install one.
 */
export function findChromium(search: ChromiumSearch = {}): string {
  const env = search.env ?? process.env;
  const named = search.explicit || readEnv(env as NodeJS.ProcessEnv).ALTIMETER_CHROMIUM;
  if (named) {
    if (executable(named)) return named;
    const source = search.explicit ? "the Chromium path given" : "ALTIMETER_CHROMIUM";
    throw new UnavailableError(`${source} (${named}) is not an executable file: ${INSTALL_HINT}`);
  }
  for (const candidate of search.paths ?? CHROMIUM_PATHS) if (executable(candidate)) return candidate;
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const name of search.names ?? CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  throw new UnavailableError(
    `no Chromium or Chrome found to print the PDF (looked for ${(search.names ?? CHROMIUM_NAMES).join(", ")}): ${INSTALL_HINT}`,
  );
}
