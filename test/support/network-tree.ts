import type { Actor } from "../../src/core/actor.js";
import { actorForPerson } from "../../src/core/members/actor-lookup.js";
import type { Database } from "../../src/db/database.js";

/**
 * De Normaalste Zaak above two regions, one of which has a network below it again:
 *
 *   dnz (employer "DNZ Partner BV")
 *   ├─ twente (employers "Twentse Techniek", "Hengelo Zorg")
 *   │  └─ twente-noord (employer "Almelo Bouw")
 *   └─ amsterdam (employer "Amsterdamse Haven")
 *
 * Every network has a coordinator; every employer one member who reports. Returns the actors
 * by key and the network ids by slug.
 */
export async function seedNetworkTree(db: Database) {
  const p = db.prisma;
  const network = async (slug: string, name: string, parentId: string | null) => (await p.network.create({ data: { slug, name, parentId }, select: { id: true } })).id;
  const dnz = await network("dnz", "De Normaalste Zaak", null);
  const twente = await network("twente", "99vanTwente", dnz);
  const twenteNoord = await network("twente-noord", "99vanTwente Noord", twente);
  const amsterdam = await network("amsterdam", "99vanAmsterdam", dnz);
  const networks = { dnz, twente, twenteNoord, amsterdam };

  const person = async (networkId: string, name: string, email: string, employer?: { name: string; region: string }): Promise<Actor> => {
    const employerId = employer
      ? (await p.employer.create({ data: { networkId, name: employer.name, branche: "Techniek", sizeBand: "MEDIUM", location: employer.region, region: employer.region, offers: ["WERKPLEK"] }, select: { id: true } })).id
      : null;
    const created = await p.person.create({
      data: { networkId, employerId, name, email, role: employer ? "MEMBER" : "COORDINATOR", reportingContact: Boolean(employer), function: "HR" },
      select: { id: true },
    });
    return (await actorForPerson(p, created.id))!;
  };

  const actors = {
    dnzCoordinator: await person(dnz, "Dana Landelijk", "dana@dnz.example"),
    twenteCoordinator: await person(twente, "Tom Twente", "tom@twente.example"),
    noordCoordinator: await person(twenteNoord, "Nina Noord", "nina@noord.example"),
    amsterdamCoordinator: await person(amsterdam, "Amir Amsterdam", "amir@amsterdam.example"),
    dnzMember: await person(dnz, "Paul Partner", "paul@partner.example", { name: "DNZ Partner BV", region: "Utrecht" }),
    twenteTechMember: await person(twente, "Tess Techniek", "tess@techniek.example", { name: "Twentse Techniek", region: "Enschede" }),
    twenteCareMember: await person(twente, "Henk Zorg", "henk@zorg.example", { name: "Hengelo Zorg", region: "Hengelo" }),
    noordMember: await person(twenteNoord, "Bart Bouw", "bart@bouw.example", { name: "Almelo Bouw", region: "Almelo" }),
    amsterdamMember: await person(amsterdam, "Anna Haven", "anna@haven.example", { name: "Amsterdamse Haven", region: "Amsterdam" }),
  };
  return { networks, actors };
}
