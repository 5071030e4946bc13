// Runs one racer of the cross-process claim test (claim-race.ts) through tsx, as lib/cli/bin.mjs runs the CLI.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../../../tsconfig.json", import.meta.url).pathname });
const { race } = await import("./claim-race.ts");
await race(process.argv[2], process.argv[3], Number(process.argv[4]));
