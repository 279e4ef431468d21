import { createNetwork } from "../../core/networks/create-network.js";
import { editNetwork } from "../../core/networks/edit-network.js";
import { listNetworks, type NetworkNode } from "../../core/networks/list-networks.js";
import { adminOperator } from "../../core/networks/operator.js";
import { translator } from "../../i18n/index.js";
import { AdminError, type AdminCommand } from "../command.js";
import { parseFlags, requireFlag, unwrap } from "../arguments.js";

const dutch = translator("nl");
const conditionName = (condition: NetworkNode["membershipCondition"]) => dutch(`networks.condition.${condition}`);

// What both create and edit set; create adds the coordinator, edit can clear the parent.
const settingFlags = {
  slug: { type: "string" },
  name: { type: "string" },
  "time-zone": { type: "string" },
  language: { type: "string" },
  condition: { type: "string" },
  parent: { type: "string" },
} as const;

const createUsage = 'network create --slug <slug> --name "<naam>" --coordinator "<Naam> <e-mail>" [--time-zone <zone>] [--language nl|en] [--condition placement-reporting|intentieverklaring|convenant|co2-calculator] [--parent <slug>]';

const networkCreate: AdminCommand = {
  name: "network create",
  summary: "Maakt een netwerk met zijn eerste coördinator (eventueel onder een bovenliggend netwerk).",
  usage: createUsage.slice("network create ".length),
  async run(ctx, args) {
    const { values } = parseFlags(args, { ...settingFlags, coordinator: { type: "string" } }, createUsage);
    const created = unwrap(
      await createNetwork(ctx.deps, adminOperator, {
        slug: requireFlag(values.slug, "--slug", createUsage),
        name: requireFlag(values.name, "--name", createUsage),
        coordinator: requireFlag(values.coordinator, "--coordinator", createUsage),
        timeZone: values["time-zone"],
        language: values.language,
        condition: values.condition,
        parent: values.parent,
      }),
      createFlag,
    );
    const { network, coordinator } = created;
    ctx.out(`Netwerk ${network.name} (${network.slug}) is gemaakt${network.parent ? `, onder ${network.parent.name} (${network.parent.slug})` : ""}.`);
    ctx.out(`Coördinator: ${coordinator.name} <${coordinator.email}>`);
    ctx.out(`Volgende stap: koppel de Slack-werkruimte of Teams-tenant met npm run admin -- bind --network ${network.slug} --slack <T…> of --teams <tenant-id>.`);
  },
};

const createFlag = (field: string) =>
  ({ timeZone: "--time-zone", language: "--language", condition: "--condition", parent: "--parent" } as Record<string, string>)[field] ?? `--${field.split(".")[0]}`;

const networkList: AdminCommand = {
  name: "network list",
  summary: "Toont alle netwerken als boom, met coördinatoren en gekoppelde werkruimtes.",
  usage: "",
  async run(ctx, args) {
    parseFlags(args, {}, "network list");
    const tree = unwrap(await listNetworks(ctx.deps, adminOperator));
    if (tree.length === 0) {
      ctx.out("Er is nog geen netwerk. Maak er een met npm run admin -- network create --help.");
      return;
    }
    for (const node of tree) for (const line of describeNode(node)) ctx.out(line);
  },
};

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function describeNode(node: NetworkNode): string[] {
  const indent = "  ".repeat(node.depth);
  const coordinators = node.coordinators.map((c) => `${c.name} <${c.email ?? "geen e-mail"}>`).join(", ") || "geen";
  const bindings = node.bindings.map((b) => `${b.platform === "SLACK" ? "Slack" : "Teams"} ${b.tenantId}`).join(", ") || "geen";
  return [
    `${indent}${node.depth > 0 ? "└ " : ""}${node.name} (${node.slug})${node.parentSlug ? ` onder ${node.parentSlug}` : ""}`,
    `${indent}    ${node.timeZone}, ${node.defaultLocale}, ${conditionName(node.membershipCondition)}; ${count(node.employers, "werkgever", "werkgevers")}, ${count(node.people, "persoon", "personen")}`,
    `${indent}    coördinatoren: ${coordinators}`,
    `${indent}    werkruimtes: ${bindings}`,
  ];
}

const editUsage = 'network edit --slug <slug> [--name "<naam>"] [--parent <slug> | --no-parent] [--time-zone <zone>] [--language nl|en] [--condition …]';

const networkEdit: AdminCommand = {
  name: "network edit",
  summary: "Wijzigt naam, bovenliggend netwerk (--no-parent: geen), tijdzone, taal of lidmaatschapsvoorwaarde van een netwerk.",
  usage: editUsage.slice("network edit ".length),
  async run(ctx, args) {
    const { values } = parseFlags(args, { ...settingFlags, "no-parent": { type: "boolean" } }, editUsage);
    if (values.parent !== undefined && values["no-parent"]) throw new AdminError(`Kies --parent of --no-parent, niet allebei.\nGebruik: npm run admin -- ${editUsage}`, 64);
    const edited = unwrap(
      await editNetwork(ctx.deps, adminOperator, {
        slug: requireFlag(values.slug, "--slug", editUsage),
        name: values.name,
        parent: values["no-parent"] ? null : values.parent,
        timeZone: values["time-zone"],
        language: values.language,
        condition: values.condition,
      }),
      createFlag,
    );
    const { network } = edited;
    ctx.out(`Netwerk ${network.name} (${network.slug}) is bijgewerkt: ${edited.changed.map(changedLabel).join(", ")}.`);
  },
};

const changedLabel = (field: string) =>
  ({ name: "naam", parent: "bovenliggend netwerk", timeZone: "tijdzone", language: "taal", condition: "lidmaatschapsvoorwaarde" } as Record<string, string>)[field] ?? field;

export const networkCommands: AdminCommand[] = [networkCreate, networkList, networkEdit];
