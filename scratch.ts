import { catalogue as now } from "./src/i18n/catalogue.ts";
import { catalogue as old } from "./scratch-old-i18n/catalogue.ts";
import { execSync } from "node:child_process";
const frags = new Set<string>();
for (const l of ["nl","en"] as const) for (const [k, v] of Object.entries(old[l])) if ((now as any)[l][k] !== v) for (const seg of v.split(/\{\w+\}/)) { const s = seg.trim(); if (s.length >= 10) frags.add(s.slice(0, 40)); }
for (const f of frags) { try { const out = execSync(`grep -rnF -- ${JSON.stringify(f)} test`, { encoding: "utf8" }); console.log("==", f, "\n" + out.split("\n").map(x=>x.slice(0,200)).join("\n")); } catch {} }
