/** The page's only stylesheet, inline: one column that fits a phone, wider figures side by side from 1100 px. */
export const STYLE = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--panel:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1240px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2em 0}
h2{font-size:1.1rem;margin:0 0 .3em}
.sub{color:var(--muted);margin:0 0 1em}
.headline{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;margin:0 0 16px;padding:0;list-style:none}
.headline li{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:8px 10px}
.headline .value{display:block;font-size:1.5rem;font-weight:650}
.headline .label{color:var(--muted);font-size:.85rem}
.grid{stroke:var(--line);stroke-width:1}
.axis{stroke:var(--muted);stroke-width:1}
.figures{display:grid;grid-template-columns:minmax(0,1fr);gap:16px}
@media (min-width:1100px){.figures{grid-template-columns:repeat(2,minmax(0,1fr))}}
.figure{border:1px solid var(--line);border-radius:8px;padding:12px;min-width:0}
.caption{margin:0 0 .5em;color:var(--muted)}
.chart-wrap svg{display:block;width:100%;height:auto}
svg.chart text{font-size:13px;fill:var(--ink)}
svg.chart .tick{font-size:12px;fill:var(--muted)}
svg.chart .bar-label{font-size:13px}
svg.chart .bar-value{font-size:12px;fill:var(--muted)}
svg.chart .track{fill:var(--panel)}
svg.chart .empty{font-size:15px;fill:var(--muted)}
svg.defs{position:absolute;width:0;height:0}
.legend{list-style:none;margin:0 0 6px;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.9rem}
.legend li{display:flex;align-items:center;gap:6px}
.table-wrap{overflow-x:auto;margin-top:8px;max-height:320px;overflow-y:auto;border-top:1px solid var(--line)}
table{border-collapse:collapse;font-size:.85rem;width:100%}
caption{text-align:left;color:var(--muted);padding:4px 0;font-size:.8rem}
th,td{padding:3px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums}
thead th{position:sticky;top:0;background:var(--bg)}
.wide{grid-column:1/-1}
footer{color:var(--muted);font-size:.8rem;margin:24px 0 8px}
@media (max-width:480px){main{padding:10px}svg.chart text{font-size:18px}svg.chart .tick{font-size:17px}svg.chart .bar-label{font-size:21px}svg.chart .bar-value{font-size:18px}}
`;
