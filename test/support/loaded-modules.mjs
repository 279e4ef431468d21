// Preloaded with `node --import` into a bot process: on exit it writes the files the CommonJS
// loader loaded (botbuilder, teams-ai, resvg and Bolt are CommonJS) to LOADED_MODULES_FILE.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const target = process.env.LOADED_MODULES_FILE;
if (target) process.on("exit", () => writeFileSync(target, JSON.stringify(Object.keys(require.cache))));
