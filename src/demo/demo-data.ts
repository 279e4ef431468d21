import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import type { Db } from "../db/database.js";
import { ensurePeriod } from "../core/reporting/periods.js";
import { previousQuarter, quarterOf, quarterStart, type QuarterRef } from "../core/reporting/quarters.js";

// A fictional regional network: every name, company and address below is made up.
export const demoNetwork = { slug: "99vandemo", name: "99vanDemo (Twente, fictief)" };

/**
 * The Bot Framework Emulator's stand-in tenant (demo mode only, see teams/identity.ts): bound to
 * the demo network like a real network's tenant, since a chat identity counts only there.
 */
export const EMULATOR_TENANT = "emulator";

export const demoEmails = {
  coordinator: "sanne.coordinator@example.nl",
  bakeryHr: "joost.hr@bakkerij-korenschoof.example",
  bakeryDirector: "els.directie@bakkerij-korenschoof.example",
  logisticsHr: "mo.hr@hengelo-logistiek.example",
  careBuyer: "fleur.inkoop@zorggroep-dinkel.example",
  englishSpeaker: "alex.hr@twente-tech.example",
} as const;

const employers = [
  { key: "bakery", name: "Bakkerij De Korenschoof", branche: "Voeding", sizeBand: "SMALL", location: "Enschede", offers: ["WERKPLEK", "TIJD"], maturity: 3, ambition: 12, challenges: ["begeleiding op de werkvloer"] },
  { key: "logistics", name: "Hengelo Logistiek BV", branche: "Logistiek", sizeBand: "LARGE", location: "Hengelo", offers: ["WERKPLEK"], maturity: 2, ambition: 40, challenges: ["ploegendiensten", "vervoer"] },
  { key: "care", name: "Zorggroep Dinkel", branche: "Zorg", sizeBand: "VERY_LARGE", location: "Oldenzaal", offers: ["WERKPLEK", "KENNIS"], maturity: 4, ambition: 60, challenges: ["functiecreatie"] },
  { key: "tech", name: "Twente Tech Solutions", branche: "ICT", sizeBand: "MEDIUM", location: "Enschede", offers: ["KENNIS", "TIJD"], maturity: 2, ambition: 8, challenges: ["werving"] },
  { key: "metal", name: "Metaalwerken Almelo", branche: "Industrie", sizeBand: "MEDIUM", location: "Almelo", offers: ["WERKPLEK"], maturity: 1, ambition: 15, challenges: ["veiligheid", "taal"] },
  { key: "municipality", name: "Servicebedrijf Twentestad", branche: "Overheid", sizeBand: "LARGE", location: "Enschede", offers: ["WERKPLEK", "KENNIS", "TIJD"], maturity: 5, ambition: 30, challenges: ["duurzame plaatsing"] },
] as const;

/** Fills an empty database with the demo network; does nothing if it is already there. */
// The seeds' long-term ambitions run to the end of 2028 ("op weg naar een ambitie van 100").
const DEMO_TARGET_DATE = new Date("2028-12-31T00:00:00Z");

export async function seedDemoData(db: Db, now: Date = new Date()): Promise<{ networkId: string; created: boolean }> {
  const existing = await db.network.findUnique({ where: { slug: demoNetwork.slug }, select: { id: true } });
  if (existing) return { networkId: existing.id, created: false };

  return db.$transaction(
    async (tx) => {
      const network = await tx.network.create({ data: { ...demoNetwork, kind: "REGIONAL" } });
      await tx.workspaceBinding.create({ data: { networkId: network.id, platform: "TEAMS", tenantId: EMULATOR_TENANT } });
      const employerIds = new Map<string, string>();
      for (const e of employers) {
        const row = await tx.employer.create({
          data: {
            networkId: network.id,
            name: e.name,
            branche: e.branche,
            sizeBand: e.sizeBand,
            location: e.location,
            region: "Twente",
            offers: [...e.offers],
            challenges: [...e.challenges],
            inclusionMaturity: e.maturity,
            ambition: e.ambition,
          },
        });
        employerIds.set(e.key, row.id);
      }
      const person = (data: { name: string; email: string; employer?: string; fn: "DIRECTIE" | "HR" | "INKOOP" | "MVO" | "OVERIG"; role?: "COORDINATOR"; reporting?: boolean; locale?: "en" }) =>
        tx.person.create({
          data: {
            networkId: network.id,
            employerId: data.employer ? employerIds.get(data.employer) : null,
            name: data.name,
            email: data.email,
            function: data.fn,
            role: data.role ?? "MEMBER",
            reportingContact: data.reporting ?? false,
            locale: data.locale,
          },
        });
      const coordinator = await person({ name: "Sanne Coördinator", email: demoEmails.coordinator, fn: "OVERIG", role: "COORDINATOR" });
      const joost = await person({ name: "Joost Bakker", email: demoEmails.bakeryHr, employer: "bakery", fn: "HR", reporting: true });
      const els = await person({ name: "Els Meel", email: demoEmails.bakeryDirector, employer: "bakery", fn: "DIRECTIE", reporting: true });
      const mo = await person({ name: "Mo Yilmaz", email: demoEmails.logisticsHr, employer: "logistics", fn: "HR", reporting: true });
      const fleur = await person({ name: "Fleur Jansen", email: demoEmails.careBuyer, employer: "care", fn: "INKOOP", reporting: true });
      const alex = await person({ name: "Alex Morgan", email: demoEmails.englishSpeaker, employer: "tech", fn: "HR", reporting: true, locale: "en" });
      await person({ name: "Henk Smit", email: "henk.mvo@metaalwerken-almelo.example", employer: "metal", fn: "MVO", reporting: true });
      await person({ name: "Ayla Demir", email: "ayla.hr@twentestad.example", employer: "municipality", fn: "HR", reporting: true });

      const inkopen = await tx.subgroup.create({
        data: { networkId: network.id, slug: "inclusief-inkopen", name: "Inclusief inkopen", description: "Inkopers van grote organisaties die social return en inclusief inkopen samen oppakken." },
      });
      const hr = await tx.subgroup.create({
        data: { networkId: network.id, slug: "hr-kenniskring", name: "HR-kenniskring", description: "HR-professionals delen ervaringen met werving, begeleiding en jobcarving." },
      });
      await tx.subgroupMembership.createMany({
        data: [
          { subgroupId: inkopen.id, personId: fleur.id, isContact: true },
          { subgroupId: inkopen.id, personId: els.id },
          { subgroupId: hr.id, personId: joost.id, isContact: true },
          { subgroupId: hr.id, personId: mo.id },
          { subgroupId: hr.id, personId: alex.id },
        ],
      });

      const praktijktafelStart = amsterdamAt(addDays(now, 21), 15);
      await tx.event.create({
        data: {
          networkId: network.id,
          number: 1,
          kind: "PRAKTIJKTAFEL",
          title: "Praktijktafel met de wethouder Werk en Inkomen",
          description: "In gesprek met de wethouder, UWV en het WerkgeversServicepunt over duurzame plaatsingen.",
          guests: ["wethouder Werk en Inkomen", "UWV", "WSP Twente"],
          location: "Zorggroep Dinkel, Oldenzaal",
          startsAt: praktijktafelStart,
          endsAt: new Date(praktijktafelStart.getTime() + 2 * 3_600_000),
          capacity: 12,
          rsvpDeadline: addDays(praktijktafelStart, -3),
          createdById: coordinator.id,
        },
      });
      const masterclassStart = amsterdamAt(addDays(now, 35), 10);
      await tx.event.create({
        data: {
          networkId: network.id,
          subgroupId: inkopen.id,
          number: 2,
          kind: "MASTERCLASS",
          title: "Masterclass inclusief inkopen",
          guests: ["PIANOo-expert (fictief)"],
          onlineUrl: "https://meet.example.nl/masterclass-inkopen",
          startsAt: masterclassStart,
          endsAt: new Date(masterclassStart.getTime() + 90 * 60_000),
          createdById: coordinator.id,
        },
      });

      // Four past quarters of reports, growing towards the ambitions.
      let ref: QuarterRef = quarterOf(now, network.timeZone);
      const pastQuarters: QuarterRef[] = [];
      for (let i = 0; i < 4; i++) pastQuarters.unshift((ref = previousQuarter(ref)));
      // Members since the first of those quarters, with the ambition they set then.
      const joinedAt = quarterStart(pastQuarters[0]!, network.timeZone);
      await tx.employer.updateMany({ where: { networkId: network.id }, data: { joinedAt, ambitionTargetDate: DEMO_TARGET_DATE } });
      await tx.employerAmbitionChange.createMany({
        data: employers.map((e) => ({ employerId: employerIds.get(e.key)!, ambition: e.ambition, targetDate: DEMO_TARGET_DATE, source: "PROFILE" as const, changedAt: joinedAt })),
      });
      for (const [index, quarter] of pastQuarters.entries()) {
        const period = await ensurePeriod(tx, network, quarter);
        await tx.reportingPeriod.update({ where: { id: period.id }, data: { status: "CLOSED" } });
        for (const [position, e] of employers.entries()) {
          if ((position + index) % 5 === 4) continue; // someone always forgets
          // Placements new in the quarter: half the ambition in four quarters, growing.
          const realised = Math.round((e.ambition * (index + 1)) / 20);
          const report = await tx.placementReport.create({
            data: { employerId: employerIds.get(e.key)!, periodId: period.id, realised, submittedVia: "WEB", submittedById: coordinator.id },
          });
          await tx.placementReportRevision.create({
            data: { reportId: report.id, version: 1, realised, submittedVia: "WEB", submittedById: coordinator.id },
          });
        }
      }
      return { networkId: network.id, created: true };
    },
    { timeout: 30_000 },
  );
}

/** The given day at hh:00 Amsterdam time, whatever the process's own time zone is. */
function amsterdamAt(day: Date, hour: number): Date {
  const local = new TZDate(day.getTime(), "Europe/Amsterdam");
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), hour, 0, "Europe/Amsterdam").getTime());
}
