/** Server-side HTML for the dashboard and the playground: every interpolated value is escaped. */

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => entities[c]!);
}

/** Already-escaped markup, so templates can nest without escaping twice. */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

/** Tagged template: `${x}` is escaped unless it is Html (or an array of Html). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(value);
}

export function page(options: { title: string; lang: string; body: Html; stylesheet?: string; script?: string }): string {
  return `<!doctype html>${html`<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title}</title>
<link rel="stylesheet" href="${options.stylesheet ?? "/static/web.css"}">
${options.script ? html`<script src="${options.script}" defer></script>` : ""}
</head>
<body>${options.body}</body>
</html>`}`;
}
