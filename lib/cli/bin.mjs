#!/usr/bin/env node
// The `altimeter` command: TypeScript run in place through tsx, no build step.
import { register } from "tsx/esm/api";

process.env.NEXT_TELEMETRY_DISABLED = "1";
register({ tsconfig: new URL("../../tsconfig.json", import.meta.url).pathname });
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
