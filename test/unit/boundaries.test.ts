import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The core stays platform-neutral so a third platform never touches it (DESIGN.md).
const forbiddenInCore = [/from "@slack\//, /from "botbuilder/, /from "@microsoft\//, /from "node-cron"/, /from "express"/, /platforms\//, /from "\.\.\/\.\.\/chat\//, /scheduler\//];
// The chat layer is shared by every platform, so it may not depend on one either.
const forbiddenInChat = [/from "@slack\//, /from "botbuilder/, /from "@microsoft\//, /platforms\//];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

function violations(dir: string, patterns: RegExp[]) {
  return sourceFiles(dir).flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => /^\s*(import|export)\b.*from "/.test(line) && patterns.some((p) => p.test(line)))
      .map((line) => `${path.relative(process.cwd(), file)}: ${line.trim()}`),
  );
}

describe("module boundaries", () => {
  it("src/core imports no platform, transport or scheduler code", () => {
    expect(sourceFiles("src/core").length).toBeGreaterThan(5);
    expect(violations("src/core", forbiddenInCore)).toEqual([]);
  });

  it("src/chat imports no platform code", () => {
    expect(violations("src/chat", forbiddenInChat)).toEqual([]);
  });

  it("detects a forbidden import (the check itself works)", () => {
    const line = 'import { App } from "@slack/bolt";';
    expect(forbiddenInCore.some((p) => p.test(line))).toBe(true);
  });
});
