import type { Store } from "./store";

/** Opens and migrates the PostgreSQL store at `url` (being built: issue 14). */
export async function openPostgres(url: string): Promise<Store> {
  throw new Error(`the PostgreSQL store is not available in this build (${new URL(url).host})`);
}
