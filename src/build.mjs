// `npm run build`: TypeScript (src/, with the generated Prisma client) to JavaScript in dist/,
// plus the static files tsc does not copy. `--if-stale` (npm start's prestart) builds only when a
// source is newer than the last build, so a fresh clone builds once and a restart starts at once.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const stamp = join(root, "dist", ".build-stamp");
const STATIC_DIRS = ["platforms/web/static", "dashboard/static"];
const INPUTS = ["src", "prisma/schema.prisma", "tsconfig.json", "package-lock.json"];

function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function isStale() {
  if (!existsSync(stamp) || !existsSync(join(root, "dist", "main.js"))) return true;
  const built = statSync(stamp).mtimeMs;
  return INPUTS.some((input) => newestChange(join(root, input)) > built);
}

if (process.argv.includes("--if-stale") && !isStale()) process.exit(0);

console.error("Netwerkbot: bouwen naar dist/ (tsc) …");
rmSync(join(root, "dist"), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "-p", join(root, "src", "tsconfig.build.json")], { stdio: "inherit" });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
for (const dir of STATIC_DIRS) cpSync(join(root, "src", dir), join(root, "dist", dir), { recursive: true });
writeFileSync(stamp, new Date().toISOString());
