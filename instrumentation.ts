/**
 * Next.js start-up hook (it must sit at the project root). Warms the metrics
 * facts of every workspace in the background so the first page is as fast as
 * the rest; failures here only cost that speed, never the server.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ getDb }, { warmWorkspaceFacts }] = await Promise.all([
    import("@/app/_lib/db"),
    import("@/lib/service/metrics"),
  ]);
  void getDb()
    .then(warmWorkspaceFacts)
    .catch((error: unknown) => console.warn(`altimeter: warming metrics failed: ${(error as Error).message}`));
}
