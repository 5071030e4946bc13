/**
 * The production build the e2e tests and the dashboard benchmark run against:
 * the same locked `next build` that `altimeter report` uses.
 */
import { nextBuild, withBuildLock } from "@/lib/report/next-build";

/** Builds the checkout at `appDir` for production, waiting for any other build of it to finish first. */
export async function buildApp(appDir: string): Promise<void> {
  await withBuildLock(appDir, () => nextBuild(appDir));
}
