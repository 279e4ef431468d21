import type { Database } from "../../src/db/database.js";
import { snapshotCounts } from "./fixtures.js";

/** snapshotCounts plus the tables subgroups, directory and members use, and the employer rows. */
export async function snapshotAll(db: Database) {
  const p = db.prisma;
  const [base, subgroups, contacts, employers, people] = await Promise.all([
    snapshotCounts(db),
    p.subgroup.findMany({ select: { id: true, slug: true, name: true, description: true }, orderBy: { id: "asc" } }),
    p.subgroupMembership.findMany({ select: { subgroupId: true, personId: true, isContact: true }, orderBy: [{ subgroupId: "asc" }, { personId: "asc" }] }),
    p.employer.findMany({ orderBy: { id: "asc" } }),
    p.person.findMany({ select: { id: true, name: true, email: true, locale: true, erasedAt: true, employerId: true }, orderBy: { id: "asc" } }),
  ]);
  return { ...base, subgroups, contacts, employers, people };
}

/**
 * A second network with look-alike data (same branche, region and subgroup slug), so tests can
 * prove that nothing crosses from one network to another.
 */
export async function seedOtherNetwork(db: Database) {
  const p = db.prisma;
  const network = await p.network.create({ data: { slug: "99vananders", name: "99vanAnders" } });
  const employer = await p.employer.create({
    data: { networkId: network.id, name: "Zorg Anders BV", branche: "Zorg", sizeBand: "LARGE", location: "Enschede", region: "Twente", offers: ["WERKPLEK", "KENNIS", "TIJD"] },
  });
  const person = await p.person.create({
    data: { networkId: network.id, employerId: employer.id, name: "Pieter Anders", email: "pieter@zorg-anders.example", function: "HR" },
  });
  const subgroup = await p.subgroup.create({ data: { networkId: network.id, slug: "inclusief-inkopen", name: "Inclusief inkopen" } });
  await p.subgroupMembership.create({ data: { subgroupId: subgroup.id, personId: person.id, isContact: true } });
  return { networkId: network.id, employerId: employer.id, personId: person.id, subgroupId: subgroup.id };
}
