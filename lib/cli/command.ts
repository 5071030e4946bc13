import { parseArgs, type ParseArgsConfig } from "node:util";
import { openDatabase, resolveDbPath, type Db } from "@/db/client";
import { ValidationError } from "@/lib/errors";

/** What a subcommand gets: its parsed flags, positionals and a way to reach the store. */
export interface CommandContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  db: () => Promise<Db>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether standard error is a terminal (progress is shown only there). */
  interactive: boolean;
}

/** One `altimeter` subcommand. Returns its exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** The --help text after the usage line. */
  help: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run: (ctx: CommandContext) => Promise<number>;
}

/** Flags every command takes. */
export const COMMON_OPTIONS = {
  db: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The --help text of a command. */
export function helpText(c: Command): string {
  return `Usage: ${c.usage}\n\n${c.summary}\n\n${c.help.trim()}\n\n  --db PATH   the store: a SQLite file or a postgres:// URL (default: $ALTIMETER_DATABASE_URL, $ALTIMETER_DB or ./data/altimeter.db)\n  -h, --help  this help\n`;
}

/** Parses a command's arguments; unknown flags are a ValidationError naming them. */
export function parseCommandArgs(c: Command, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...c.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new ValidationError(
      `${(error as Error).message.replace(/\. To specify a positional.*$/s, "")}\n${helpText(c)}`,
    );
  }
}

/** A string flag that must be present. */
export function required(ctx: CommandContext, name: string): string {
  const v = ctx.values[name];
  if (typeof v !== "string" || v === "") throw new ValidationError(`--${name} is required`);
  return v;
}

/** An optional string flag. */
export function optional(ctx: CommandContext, name: string): string | null {
  const v = ctx.values[name];
  return typeof v === "string" ? v : null;
}

/**
 * Opens the database once per command run; `close` closes it if it was opened
 * (a PostgreSQL pool would otherwise keep the process alive after the command).
 */
export function lazyDb(path: string | undefined): (() => Promise<Db>) & { close(): Promise<void> } {
  let db: Promise<Db> | null = null;
  const open = () => (db ??= openDatabase(resolveDbPath(path)));
  return Object.assign(open, {
    async close() {
      const opened = await db?.catch(() => null);
      await opened?.close();
    },
  });
}
