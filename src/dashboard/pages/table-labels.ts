/**
 * Gives every body cell of a table the text of its column header as data-label, so on a phone
 * (web.css) each row can stack as a card of "label: value" lines instead of squeezing the columns.
 * Our own markup only: tables are never nested and every header sits in a thead.
 */
export function labelTableCells(markup: string): string {
  return markup.replace(/<table\b[\s\S]*?<\/table>/g, (table) => {
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(table);
    if (!head) return table;
    // The header's text is escaped already, quotes included, so it is safe inside the attribute.
    const labels = [...head[1]!.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim());
    return table.replace(/<tbody>[\s\S]*?<\/tbody>/, (body) =>
      body.replace(/<tr\b[\s\S]*?<\/tr>/g, (row) => {
        let column = 0;
        // A cell's content in one element, so the label and the value form two grid columns.
        return row.replace(/<(td|th)\b([^>]*)>([\s\S]*?)<\/\1>/g, (cell, tag: string, attributes: string, content: string) => {
          const label = labels[column++];
          return label ? `<${tag} data-label="${label}"${attributes}><span class="cell">${content}</span></${tag}>` : cell;
        });
      }),
    );
  });
}
