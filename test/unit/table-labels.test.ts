import { describe, expect, it } from "vitest";
import { labelTableCells } from "../../src/dashboard/pages/table-labels.js";
import { html } from "../../src/shared/html.js";

describe("table cells carry their column's name for the phone layout", () => {
  it("labels each body cell by position, with the header's visible or hidden text, escaped", () => {
    const markup = html`<p>voor</p><table><thead><tr><th>Naam</th><th>${'Q&A "x"'}</th><th><span class="visually-hidden">Acties</span></th></tr></thead>
<tbody><tr data-person="1"><th scope="row">Mo</th><td>3</td><td><a href="/x">Verwijderen</a></td></tr><tr><td>Els</td><td>0</td></tr></tbody></table>`.value;
    const labelled = labelTableCells(markup);
    expect(labelled).toContain('<th data-label="Naam" scope="row"><span class="cell">Mo</span></th><td data-label="Q&amp;A &quot;x&quot;"><span class="cell">3</span></td><td data-label="Acties"><span class="cell"><a href="/x">');
    expect(labelled).toContain('<tr><td data-label="Naam"><span class="cell">Els</span></td><td data-label="Q&amp;A &quot;x&quot;"><span class="cell">0</span></td></tr>');
    // The header row itself and everything outside tables stay as they were.
    expect(labelled).toContain("<thead><tr><th>Naam</th>");
    expect(labelled.startsWith("<p>voor</p>")).toBe(true);
  });

  it("leaves a table without a header alone", () => {
    const markup = "<table><tbody><tr><td>1</td></tr></tbody></table>";
    expect(labelTableCells(markup)).toBe(markup);
  });
});
