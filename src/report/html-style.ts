/** The report page's style sheet, inlined: the page loads nothing. */
export const HTML_STYLE = `
:root { --ink: #1d2329; --muted: #5b6670; --line: #d8dde2; --leak: #c0392b; --trend: #c0392b; --band: rgba(192, 57, 43, 0.16);
  --points: #2f6f9f; --ok: #2e7d4f; --warn: #a36200; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); }
body { margin: 0 auto; padding: 24px; max-width: 1000px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0; word-break: break-all; }
h3 { font-size: 15px; margin: 28px 0 8px; }
.muted, .labels { color: var(--muted); }
#summary dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
#summary dt { color: var(--muted); }
#summary dd { margin: 0; }
.verdicts span { margin-right: 12px; white-space: nowrap; }
section.suspect { border: 1px solid var(--line); border-left: 4px solid var(--leak); border-radius: 4px; padding: 14px 16px; margin: 18px 0; }
.badge { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 3px; margin-left: 6px; vertical-align: 2px;
  background: #eef1f4; color: var(--muted); }
.badge.leak { background: var(--leak); color: #fff; }
.badge.new { background: #fff1d6; color: var(--warn); }
.badge.ongoing { background: #eef1f4; color: var(--muted); }
.why { margin: 8px 0; }
.numbers { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 6px 0; padding: 0; list-style: none; }
.numbers b { font-weight: 600; }
svg { display: block; max-width: 100%; height: auto; font-size: 11px; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: var(--muted); }
svg .tick { fill: var(--muted); }
svg .points { fill: none; stroke: var(--points); stroke-width: 1.3; }
svg .trend { fill: none; stroke: var(--trend); stroke-width: 2.5; opacity: 0.75; }
svg .band { fill: var(--band); stroke: none; }
svg .restart { stroke: var(--muted); stroke-dasharray: 3 3; }
svg .limit { stroke: var(--leak); stroke-width: 1.5; stroke-dasharray: 6 3; }
svg .limit-label { fill: var(--leak); }
svg .now { stroke: var(--line); }
svg .now-point { fill: var(--points); }
svg .projection { fill: none; stroke: var(--trend); stroke-width: 2; stroke-dasharray: 5 3; }
svg.mini .points { stroke-width: 1.2; }
svg.mini .trend { stroke: var(--muted); stroke-width: 1; opacity: 0.7; }
pre { background: #f5f7f9; padding: 8px 10px; overflow-x: auto; font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.module { word-break: break-all; }
ul.resolved li { margin: 2px 0; }
`;
