import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/chat/handlers.js";
import { manifestProblems, renderManifest } from "../../src/platforms/teams/app-package.js";

const env = { MICROSOFT_APP_ID: "11111111-2222-3333-4444-555555555555", PUBLIC_URL: "https://netwerkbot.example.nl" };
const manifestDir = new URL("../../manifests/teams/", import.meta.url);

describe("Teams app manifest", () => {
  it("is valid against the v1.30 manifest schema once the placeholders are filled", () => {
    const manifest = renderManifest(env) as any;
    expect(manifestProblems(manifest)).toEqual([]);
    expect(manifest.manifestVersion).toBe("1.30");
    expect(manifest.bots[0]).toMatchObject({ botId: env.MICROSOFT_APP_ID, scopes: ["personal", "team", "groupChat"] });
    expect(manifest.validDomains).toEqual(["netwerkbot.example.nl"]);
  });

  it("declares shared channels (Teams shows apps there only when the manifest says so)", () => {
    const manifest = renderManifest(env) as any;
    expect(manifest.supportedChannelTypes).toEqual(["sharedChannels"]);
    // The schema knows the property: a wrong value is refused, so the declaration is really read.
    expect(manifestProblems({ ...manifest, supportedChannelTypes: ["sharedChannel"] })).not.toEqual([]);
  });

  it("has a valid English localisation covering every command description", () => {
    const en = JSON.parse(readFileSync(new URL("en.json", manifestDir), "utf8"));
    expect(manifestProblems(en, "localization")).toEqual([]);
    const manifest = renderManifest(env) as any;
    manifest.bots[0].commandLists.forEach((list: any, l: number) =>
      list.commands.forEach((_: unknown, c: number) => expect(en[`bots[0].commandLists[${l}].commands[${c}].description`]).toBeTruthy()),
    );
  });

  it("lists the Slack vocabulary, and only words the bot understands", () => {
    const manifest = renderManifest(env) as any;
    const titles = manifest.bots[0].commandLists.flatMap((l: any) => l.commands.map((c: any) => c.title));
    for (const word of ["rapporteer", "events", "rsvp", "subgroep", "zoek", "help", "event nieuw", "status", "export"]) expect(titles).toContain(word);
    const known = new Set(["help", "home", ...commands.flatMap((c) => [c.name, ...c.aliases])]);
    for (const title of titles) expect(known, title).toContain(title.split(" ")[0]);
  });

  it("is rejected by the schema when it is wrong (the validation can fail)", () => {
    const manifest = renderManifest(env) as any;
    expect(manifestProblems({ ...manifest, bots: [{ ...manifest.bots[0], botId: "not-a-guid" }] }).join()).toMatch(/botId/);
    expect(manifestProblems({ ...manifest, name: { short: "x".repeat(31) } })).not.toEqual([]);
    expect(() => renderManifest({ MICROSOFT_APP_ID: "abc", PUBLIC_URL: "http://x" })).toThrow();
  });

  it("has a 192×192 colour icon and a 32×32 outline that is white on transparent", () => {
    const colour = decodePng(readFileSync(new URL("color.png", manifestDir)));
    const outline = decodePng(readFileSync(new URL("outline.png", manifestDir)));
    expect([colour.width, colour.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let drawn = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      const [r, g, b, a] = outline.rgba.subarray(i, i + 4);
      if (a === 0) continue;
      drawn++;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(drawn).toBeGreaterThan(50);
  });

  it("npm run package:teams builds the zip with the manifest, its localisation and both icons", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "teams-package-"));
    const root = new URL("../../", import.meta.url).pathname;
    await promisify(execFile)(join(root, "node_modules/.bin/tsx"), [join(root, "src/platforms/teams/package-command.ts")], { cwd, env: { ...process.env, ...env } });
    const zip = await JSZip.loadAsync(readFileSync(join(cwd, "netwerkbot-teams.zip")));
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "en.json", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string"));
    expect(manifest.id).toBe(env.MICROSOFT_APP_ID);
    expect(JSON.stringify(manifest)).not.toContain("${{");
  }, 60_000);
});

/** Minimal decoder for the 8-bit RGBA, non-interlaced PNGs resvg writes. */
function decodePng(data: Buffer): { width: number; height: number; rgba: Uint8Array } {
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  expect([data[24], data[25], data[28]]).toEqual([8, 6, 0]);
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    if (data.toString("ascii", at + 4, at + 8) === "IDAT") idat.push(data.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter]!;
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
