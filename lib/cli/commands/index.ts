import type { Command } from "../command";
import { doctorCommand } from "./doctor";
import { explainCommand } from "./explain";
import { importCommand } from "./import";
import { metricsCommand } from "./metrics";
import { settingsCommand } from "./settings";
import { workspacesCommand } from "./workspaces";

/** Every subcommand, in the order `altimeter --help` lists them. */
export const COMMANDS: Command[] = [workspacesCommand, importCommand, metricsCommand, explainCommand, settingsCommand, doctorCommand];
