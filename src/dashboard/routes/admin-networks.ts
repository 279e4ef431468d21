import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import { bindWorkspaces, unbindWorkspace } from "../../core/networks/bindings.js";
import { addCoordinator, removeCoordinator } from "../../core/networks/coordinators.js";
import { createNetwork } from "../../core/networks/create-network.js";
import { editNetwork } from "../../core/networks/edit-network.js";
import { listNetworks } from "../../core/networks/list-networks.js";
import { adminOperator } from "../../core/networks/operator.js";
import type { Result, UserError } from "../../core/result.js";
import type { MessageKey, Translate } from "../../i18n/index.js";
import { adminNetworksPage, type Notice } from "../pages/admin-networks.js";
import type { DashboardOptions } from "../routes.js";
import { isAdminSession, pageContext } from "../session.js";

// Form values as the browser posts them: short strings. What they must look like is the core's business.
const text = z.string().max(1_000).optional();
const formBody = z.object({ slug: text, name: text, coordinator: text, parent: text, timeZone: text, language: text, condition: text, email: text, platform: text, tenantId: text });
type FormBody = z.infer<typeof formBody>;

const fieldLabels: Record<string, MessageKey> = {
  slug: "dashboard.admin.slug",
  name: "dashboard.admin.name",
  coordinator: "dashboard.admin.coordinator",
  parent: "dashboard.admin.parent",
  timeZone: "dashboard.admin.timeZone",
  language: "dashboard.admin.language",
  condition: "dashboard.admin.condition",
  workspaces: "dashboard.admin.bind.tenant",
  workspace: "dashboard.admin.bind.tenant",
};

/**
 * /dashboard/admin: the self-hoster (ADMIN_TOKEN session) creates networks, places them in the
 * tree, adds and removes coordinators and binds workspaces, with the same use cases as
 * `npm run admin`. For everyone else these paths do not exist.
 */
export function adminNetworkRoutes({ deps }: DashboardOptions): Router {
  const router = express.Router();
  router.use("/dashboard/admin", (_req, res, next) => (isAdminSession(res) ? next() : void res.status(404).type("text").send("Not found")));

  async function show(res: Response, notice?: Notice, status = 200) {
    const tree = await listNetworks(deps, adminOperator);
    if (!tree.ok) throw new Error(`listing networks failed: ${tree.error.key}`);
    res.status(status).type("html").send(adminNetworksPage(pageContext(res), tree.value, notice));
  }

  /** Runs a change and shows the page again with what it said. */
  function change<T>(run: (form: FormBody, slug: string) => Promise<Result<T>>, done: (t: Translate, value: T) => string[]) {
    return async (req: Request, res: Response) => {
      const form = formBody.safeParse(req.body ?? {});
      const { t } = pageContext(res);
      if (!form.success) return show(res, { kind: "refused", lines: [t("field.invalid")] }, 400);
      const result = await run(form.data, String(req.params.slug ?? ""));
      if (result.ok) return show(res, { kind: "done", lines: done(t, result.value) });
      return show(res, { kind: "refused", lines: refusal(t, result.error) }, statusOf(result.error));
    };
  }

  router.get("/dashboard/admin", async (_req, res) => show(res));

  router.post(
    "/dashboard/admin/networks",
    change(
      (form) =>
        createNetwork(deps, adminOperator, {
          slug: form.slug,
          name: form.name,
          coordinator: form.coordinator,
          parent: form.parent || undefined,
          timeZone: form.timeZone || undefined,
          language: form.language || undefined,
          condition: form.condition || undefined,
        }),
      (t, v) => [t("dashboard.admin.created", { name: v.network.name, coordinator: `${v.coordinator.name} <${v.coordinator.email}>` })],
    ),
  );

  router.post(
    "/dashboard/admin/networks/:slug/parent",
    change((form, slug) => editNetwork(deps, adminOperator, { slug, parent: form.parent ? form.parent : null }), (t, v) => [t("dashboard.admin.moved", { network: v.network.name })]),
  );

  router.post(
    "/dashboard/admin/networks/:slug/coordinators",
    change(
      (form, network) => addCoordinator(deps, adminOperator, { network, coordinator: form.coordinator }),
      (t, v) => [t(v.promoted ? "dashboard.admin.coordinatorPromoted" : "dashboard.admin.coordinatorAdded", { name: v.person.name, network: v.network.name })],
    ),
  );

  router.post(
    "/dashboard/admin/networks/:slug/coordinators/remove",
    change((form, network) => removeCoordinator(deps, adminOperator, { network, email: form.email }), (t, v) => [t("dashboard.admin.coordinatorRemoved", { name: v.person.name, network: v.network.name })]),
  );

  router.post(
    "/dashboard/admin/networks/:slug/bindings",
    change(
      (form, network) => bindWorkspaces(deps, adminOperator, { network, workspaces: [{ platform: form.platform, tenantId: form.tenantId }] }),
      (t, v) =>
        v.outcomes.flatMap((o) => [
          t(o.created ? "dashboard.admin.bound" : "dashboard.admin.alreadyBound", { workspace: o.tenantId, network: v.network.name }),
          ...(o.alsoBoundTo.length ? [t("dashboard.admin.sharedBinding", { workspace: o.tenantId, networks: o.alsoBoundTo.map((n) => n.name).join(", ") })] : []),
        ]),
    ),
  );

  router.post(
    "/dashboard/admin/networks/:slug/bindings/remove",
    change(
      (form, network) => unbindWorkspace(deps, adminOperator, { network, workspace: { platform: form.platform, tenantId: form.tenantId } }),
      (t, v) => [t("dashboard.admin.unbound", { workspace: v.workspace.tenantId, network: v.network.name })],
    ),
  );

  return router;
}

function refusal(t: Translate, error: UserError): string[] {
  if (error.key !== "error.invalidInput") return [t(error.key, error.params)];
  return Object.entries(error.fields ?? {}).map(([field, message]) => {
    const label = fieldLabels[field.split(".")[0]!];
    return `${label ? `${t(label)}: ` : ""}${t(message.key, message.params)}`;
  });
}

const statusOf = (error: UserError) => (error.reason === "invalid" ? 400 : error.reason === "notFound" ? 404 : 409);
