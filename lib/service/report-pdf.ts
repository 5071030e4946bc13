import { resolveDbPath, type Db } from "@/db/client";
import { PRINT_TOKEN_HEADER, createPrintToken } from "@/lib/auth/print-token";
import { authSecret } from "@/lib/auth/settings";
import { readEnv } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { answers, ensureBuild, PROJECT_ROOT, startAppServer } from "@/lib/report/app-server";
import { findChromium } from "@/lib/report/chromium";
import { reportPagePath } from "@/lib/report/paths";
import { countPdfPages, writePdfAtomically } from "@/lib/report/pdf-file";
import { printPdf, type PrintedPdf } from "@/lib/report/print";
import { PrintQueue } from "@/lib/report/print-queue";
import { resolveQuery } from "./scope";
import type { ReportQuery } from "./report";

/** A printed report. */
export interface ReportPdf extends PrintedPdf {
  pages: number | null;
}

/** The longest one print may take, launch to last page, before its Chromium is closed: 60 s. */
export const PRINT_TIME_CAP_MS = 60_000;

/**
 * The process's print queue: one Chromium at a time (a second doubles the
 * memory), two more waiting, the rest refused with 429 and Retry-After.
 */
export const printQueue = new PrintQueue({ running: 1, waiting: 2, typicalSeconds: 10 });

/**
 * Prints the report page of an app at `origin` (the route handler's own
 * origin, or a server `altimeter report` started) to an A4 PDF, through
 * {@link printQueue}, in at most `timeoutMs` (default {@link PRINT_TIME_CAP_MS}). Chromium
 * carries a print token good for five minutes and this workspace's report
 * page only, signed with the app's secret (`secret`; default the one beside
 * the database, which the app reads too).
 */
export function printReportPdf(
  origin: string,
  q: ReportQuery,
  options: { chromium?: string | null; timeoutMs?: number; secret?: string; dbFile?: string | null } = {},
): Promise<ReportPdf> {
  const secret = options.secret ?? authSecret(resolveDbPath(options.dbFile));
  const chromium = findChromium({ explicit: options.chromium });
  const footer = `Altimeter · generated ${new Date(q.now ?? Date.now()).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return printQueue.run(async () => {
    const printed = await printPdf({
      chromium,
      url: `${origin.replace(/\/+$/, "")}${reportPagePath(q)}`,
      footer,
      timeoutMs: options.timeoutMs ?? PRINT_TIME_CAP_MS,
      headers: { [PRINT_TOKEN_HEADER]: createPrintToken(q.workspace, secret) },
    });
    return { ...printed, pages: countPdfPages(printed.pdf) };
  });
}

/** How a report reaches an app to print from. */
export interface ReportAppOptions {
  /** A running app to print from (`--url`); else ALTIMETER_PUBLIC_URL when it answers; else a server of the build started for this run. */
  url?: string | null;
  chromium?: string | null;
  /** The database file a started server reads (the caller's). */
  dbFile?: string | null;
  /** The checkout whose build is started; default this one. */
  appDir?: string;
  /** Progress lines for people (building, starting). */
  say: (line: string) => void;
}

/** A report printed for a caller, with where it came from and how long each step took. */
export interface PrintedReport extends ReportPdf {
  origin: string;
  startedServer: boolean;
  timings: PrintedPdf["timings"] & { serverMs: number; totalMs: number };
}

async function runningApp(explicit: string | null | undefined): Promise<string | null> {
  if (explicit) {
    if (!/^https?:\/\/[^/]+/.test(explicit))
      throw new ValidationError(
        `--url must be the app's http(s) address, e.g. http://localhost:3000, got ${JSON.stringify(explicit)}`,
      );
    return explicit.replace(/\/+$/, "");
  }
  const configured = readEnv().ALTIMETER_PUBLIC_URL;
  return configured && /^https?:\/\//.test(configured) && (await answers(configured))
    ? configured.replace(/\/+$/, "")
    : null;
}

/**
 * Prints a report without a server running: checks the query, finds
 * Chromium, reaches the app (a running one, or the production build started
 * on a loopback port, built first when needed), prints the report page, and
 * stops a server it started.
 */
export async function printReportWithApp(db: Db, q: ReportQuery, o: ReportAppOptions): Promise<PrintedReport> {
  const started = Date.now();
  const reuse = await runningApp(o.url);
  // The cover's name is a setting of the app that prints, never part of the address anyone can type.
  if (reuse && q.preparedBy)
    throw new ValidationError(
      `the name on the cover is a setting of the app: a running app (${reuse}) prints its own ALTIMETER_REPORT_PREPARED_BY or config report.preparedBy, so leave out --prepared-by or print without --url`,
    );
  // Against our own database the query is checked before anything slow starts.
  if (!reuse) await resolveQuery(db, q);
  const chromium = findChromium({ explicit: o.chromium });
  let origin = reuse;
  let stop = async () => {};
  if (!origin) {
    const dbFile = resolveDbPath(o.dbFile);
    if (dbFile === ":memory:")
      throw new ValidationError("the report is printed from the app, which needs a database file, not :memory:");
    const appDir = o.appDir ?? PROJECT_ROOT;
    await ensureBuild(appDir, o.say);
    o.say("starting the app on a loopback port to print from…");
    const server = await startAppServer({
      appDir,
      dbFile,
      env: q.preparedBy ? { ALTIMETER_REPORT_PREPARED_BY: q.preparedBy } : {},
    });
    origin = server.url;
    stop = server.stop;
  } else {
    o.say(`printing from the app at ${origin}`);
  }
  const serverMs = Date.now() - started;
  try {
    const printed = await printReportPdf(origin, q, { chromium, dbFile: o.dbFile });
    return {
      ...printed,
      origin,
      startedServer: !reuse,
      timings: { ...printed.timings, serverMs, totalMs: Date.now() - started },
    };
  } finally {
    await stop();
  }
}

/** What `altimeter report` wrote. */
export interface ReportFileResult extends Omit<PrintedReport, "pdf"> {
  file: string;
  bytes: number;
}

/** `altimeter report`: prints the report and writes the PDF atomically, so the file is either complete or untouched. */
export async function writeReportFile(
  db: Db,
  q: ReportQuery,
  o: ReportAppOptions & { out: string },
): Promise<ReportFileResult> {
  const { pdf, ...rest } = await printReportWithApp(db, q, o);
  writePdfAtomically(o.out, pdf);
  return { ...rest, file: o.out, bytes: pdf.length };
}
