import type { Command } from "../command";
import { answersCommand } from "./answers";
import { assessCommand } from "./assess";
import { collectCommand } from "./collect";
import { demoCommand } from "./demo";
import { digestCommand } from "./digest";
import { doctorCommand } from "./doctor";
import { explainCommand } from "./explain";
import { importCommand } from "./import";
import { importIncidentsCommand } from "./import-incidents";
import { metricsCommand } from "./metrics";
import { peopleCommand } from "./people";
import { membersCommand, tokensCommand, usersCommand } from "./access";
import { reportCommand } from "./report";
import { serveCommand } from "./serve";
import { settingsCommand } from "./settings";
import { storeCommand } from "./store";
import { syncCommand } from "./sync";
import { workerCommand } from "./worker";
import { workspacesCommand } from "./workspaces";

/** Every subcommand, in the order `altimeter --help` lists them. */
export const COMMANDS: Command[] = [
  demoCommand,
  workspacesCommand,
  importCommand,
  importIncidentsCommand,
  collectCommand,
  syncCommand,
  workerCommand,
  metricsCommand,
  explainCommand,
  assessCommand,
  answersCommand,
  reportCommand,
  digestCommand,
  peopleCommand,
  usersCommand,
  membersCommand,
  tokensCommand,
  settingsCommand,
  storeCommand,
  doctorCommand,
  serveCommand,
];
