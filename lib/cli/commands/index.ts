import type { Command } from "../command";
import { demoCommand } from "./demo";
import { doctorCommand } from "./doctor";
import { explainCommand } from "./explain";
import { importCommand } from "./import";
import { metricsCommand } from "./metrics";
import { serveCommand } from "./serve";
import { settingsCommand } from "./settings";
import { workspacesCommand } from "./workspaces";

/** Every subcommand, in the order `altimeter --help` lists them. */
export const COMMANDS: Command[] = [
  demoCommand,
  workspacesCommand,
  importCommand,
  metricsCommand,
  explainCommand,
  settingsCommand,
  doctorCommand,
  serveCommand,
];
