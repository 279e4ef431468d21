import { parse } from "@formatjs/icu-messageformat-parser";
import { execSync } from "node:child_process";
import { catalogue } from "./src/i18n/catalogue.ts";
import { argumentsOf } from "./src/i18n/message-format.ts";
for (const [k, v] of Object.entries(catalogue.nl)) {
  const nums = [...argumentsOf(parse(v, { ignoreTag: true }))].filter(([, kind]) => kind === "number").map(([n]) => n);
  if (!nums.length) continue;
  let out = ""; try { out = execSync(`grep -rn -A3 --include=*.ts '"${k}"' src | grep -v i18n/messages`, { encoding: "utf8" }); } catch {}
  for (const line of out.split("\n")) for (const n of nums) if (new RegExp(`\\b${n}: *(String|formatNumber|\`|"|[\\w.]+\\.toString|[\\w.]+\\.join)`).test(line)) console.log(k, n, line.slice(0, 200));
  if (!out) console.log("NO CALLSITE", k);
}
