import { debugRequested } from "@/lib/env";
import { AltimeterError, asKnownError, NotFoundError } from "@/lib/errors";
import { knownSecrets, redact } from "@/lib/redact";
import { helpText, lazyDb, parseCommandArgs, type Command } from "./command";
import { COMMANDS } from "./commands";

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: altimeter <command> [options]\n\nPlatform metrics and maturity assessment.\n\nCommands:\n${lines.join("\n")}\n\nRun "altimeter <command> --help" for a command's options.\nThe database is --db PATH, else $ALTIMETER_DB, else ./data/altimeter.db.\n`;
}

/** Runs the CLI and returns its exit code: 0 ok, 2 partial (rejected lines), 1 any other failure. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : 1;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`altimeter: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 1;
  }
  let db: ReturnType<typeof lazyDb> | null = null;
  try {
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      process.stdout.write(helpText(command));
      return 0;
    }
    db = lazyDb(values.db as string | undefined);
    return await command.run({
      values: values as Record<string, string | boolean | string[] | undefined>,
      positionals,
      db,
      out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
      err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
      interactive: Boolean(process.stderr.isTTY),
    });
  } catch (thrown) {
    const error = asKnownError(thrown);
    const text = error instanceof AltimeterError || error instanceof Error ? error.message : String(error);
    // The operator may see what exists (every workspace); HTTP answers never do.
    const detail = error instanceof NotFoundError && error.operatorDetail ? ` ${error.operatorDetail}` : "";
    const message = redact(text + detail, knownSecrets());
    process.stderr.write(`altimeter ${name}: ${message}\n`);
    if (!(error instanceof AltimeterError) && debugRequested()) console.error(error);
    return 1;
  } finally {
    await db?.close().catch(() => {});
  }
}
