import { addCoordinator, removeCoordinator } from "../../core/networks/coordinators.js";
import { adminOperator } from "../../core/networks/operator.js";
import { AdminError, type AdminCommand } from "../command.js";
import { parseFlags, requireFlag, unwrap } from "../arguments.js";

const addUsage = 'coordinator add --network <slug> "<Naam> <e-mail>"';
const removeUsage = "coordinator remove --network <slug> <e-mail>";

/** The one positional argument; a name with spaces but without quotes arrives as several words. */
function oneArgument(positionals: string[], usage: string, what: string): string {
  if (positionals.length === 0) throw new AdminError(`${what} ontbreekt.\nGebruik: npm run admin -- ${usage}`, 64);
  return positionals.join(" ");
}

const coordinatorAdd: AdminCommand = {
  name: "coordinator add",
  summary: "Voegt een coördinator toe aan een netwerk; iemand die er al in staat met dat adres wordt coördinator.",
  usage: addUsage.slice("coordinator add ".length),
  async run(ctx, args) {
    const { values, positionals } = parseFlags(args, { network: { type: "string" } }, addUsage, true);
    const change = unwrap(
      await addCoordinator(ctx.deps, adminOperator, {
        network: requireFlag(values.network, "--network", addUsage),
        coordinator: oneArgument(positionals, addUsage, "Naam en e-mailadres"),
      }),
      (field) => (field.startsWith("coordinator") ? '"<Naam> <e-mail>"' : `--${field}`),
    );
    const { person, network } = change;
    ctx.out(
      change.promoted
        ? `${person.name} <${person.email}> stond al in ${network.name} en is nu coördinator.`
        : `${person.name} <${person.email}> is toegevoegd als coördinator van ${network.name}.`,
    );
  },
};

const coordinatorRemove: AdminCommand = {
  name: "coordinator remove",
  summary: "Maakt een coördinator weer gewoon lid van het netwerk (de laatste coördinator blijft).",
  usage: removeUsage.slice("coordinator remove ".length),
  async run(ctx, args) {
    const { values, positionals } = parseFlags(args, { network: { type: "string" } }, removeUsage, true);
    const change = unwrap(
      await removeCoordinator(ctx.deps, adminOperator, {
        network: requireFlag(values.network, "--network", removeUsage),
        email: oneArgument(positionals, removeUsage, "Het e-mailadres"),
      }),
      (field) => (field === "email" ? "<e-mail>" : `--${field}`),
    );
    ctx.out(`${change.person.name} is geen coördinator van ${change.network.name} meer en blijft als lid in het netwerk. Coördinatoren over: ${change.remaining}.`);
  },
};

export const coordinatorCommands: AdminCommand[] = [coordinatorAdd, coordinatorRemove];
