export { openDatabase, closeDatabase, resolveDbPath, DEFAULT_DB_PATH, type Db } from "./client";
export * as schema from "./schema";
