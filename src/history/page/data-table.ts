import { escapeHtml } from './format.js';

/** A cell: text as shown, and for numbers the exact value (data-value), so the page's numbers can be checked. */
export type Cell = string | { text: string; value: number | null };

export function num(value: number | null, text: string): Cell {
  return { text, value };
}

/** The data behind a chart, as a plain table: for screen readers, and for copying. */
export function dataTable(name: string, caption: string, headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const head = `<tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row) => {
      const cells = row.map((cell, i) => {
        if (typeof cell === 'string') return i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`;
        return `<td class="n" data-value="${cell.value === null ? '' : cell.value}">${escapeHtml(cell.text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<div class="table-wrap"><table data-table="${escapeHtml(name)}"><caption>${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

/** One chart: heading, caption with the numbers, legend, the SVG, and its table. */
export function figure(id: string, heading: string, caption: string, chart: string, table: string, legendHtml = ''): string {
  return `<section class="figure" id="${id}"><h2>${escapeHtml(heading)}</h2><p class="caption">${escapeHtml(caption)}</p>${legendHtml}<div class="chart-wrap">${chart}</div>${table}</section>`;
}
