import type { Db } from "../../db/database.js";

export interface DemoPerson {
  id: string;
  name: string;
  role: "MEMBER" | "COORDINATOR";
  employer: string | null;
  locale: string | null;
}

/** Everyone the web playground (a demo) can act as: coordinators first, then members by name. */
export function demoPeople(db: Db): Promise<DemoPerson[]> {
  return db.person
    .findMany({
      where: { erasedAt: null },
      select: { id: true, name: true, role: true, locale: true, employer: { select: { name: true } } },
      orderBy: [{ role: "desc" }, { name: "asc" }],
      take: 200,
    })
    .then((rows) => rows.map((p) => ({ id: p.id, name: p.name, role: p.role, locale: p.locale, employer: p.employer?.name ?? null })));
}
