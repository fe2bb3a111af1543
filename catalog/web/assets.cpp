#include "catalog/web/dashboard.hpp"

namespace ernte::catalog::web {

// Colours meet WCAG 2.1 AA: text on badges and links has a contrast of at
// least 4.5:1; a rating is always said in words as well as by colour.
std::string_view stylesheet() {
    return R"css(:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --link: #0b4f9c; --bg: #ffffff; --panel: #f3f5f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--link); }
a:focus, a:focus-visible, main:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 8px; z-index: 10; }
header.top { display: flex; justify-content: space-between; align-items: center; padding: 8px 24px; background: #12324f; }
header.top a { color: #ffffff; }
header.top ul { list-style: none; display: flex; gap: 24px; margin: 0; padding: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 24px 48px; }
footer { max-width: 1100px; margin: 0 auto; padding: 16px 24px; color: var(--muted); border-top: 1px solid var(--line); }
h1 { font-size: 1.8rem; margin: 16px 0; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin-top: 32px; }
dl.summary, dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; background: var(--panel); padding: 12px 16px; }
dl.summary dt, dl.facts dt { font-weight: 600; }
dl.summary dd, dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.score { font-size: 1.3rem; font-weight: 700; }
.rating { display: inline-block; padding: 0 8px; border-radius: 4px; font-weight: 600; border: 1px solid #555; }
.rating-excellent { background: #c9ecd3; color: #0d3b1a; }
.rating-good { background: #dcefc2; color: #243d06; }
.rating-sufficient { background: #ffe3a8; color: #4a3000; }
.rating-bad { background: #f8c9c4; color: #5c0d05; }
.rating-none { background: #e6e6e6; color: #333333; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 24px; }
figure.chart { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg { width: 100%; height: auto; display: block; }
svg text { font-size: 13px; fill: #1b1b1b; }
svg text.label { text-anchor: end; }
svg text.axis.end { text-anchor: end; }
svg rect.track { fill: #ececec; }
svg rect.bar { fill: #2f6db5; }
svg rect.rating-excellent { fill: #1e7b3a; }
svg rect.rating-good { fill: #6a9a1f; }
svg rect.rating-sufficient { fill: #c98a00; }
svg rect.rating-bad { fill: #b3261e; }
svg line.grid { stroke: #d0d0d0; stroke-width: 1; }
svg polyline.trend { fill: none; stroke: #2f6db5; stroke-width: 2.5; }
svg circle.point { fill: #12324f; }
table.chart-table { font-size: 0.9rem; width: auto; min-width: 50%; }
ul.findings { margin: 0; padding-left: 18px; }
.fix { display: block; color: var(--muted); }
.message { display: block; }
.share { display: block; color: var(--muted); font-size: 0.9rem; }
.result.passed { color: #0d5a24; font-weight: 600; }
.result.failed { color: #9b1c13; font-weight: 600; }
.result.unknown { color: var(--muted); }
.link-ok { color: #0d5a24; font-weight: 600; }
.link-broken { color: #9b1c13; font-weight: 600; }
.link-unknown { color: var(--muted); }
.url, .hash, .description { overflow-wrap: anywhere; }
.description { white-space: pre-line; }
.notice { background: #fff4d6; border-left: 4px solid #c98a00; padding: 8px 12px; }
.search-form { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 16px; }
.search-form label { flex-basis: 100%; font-weight: 600; }
.search-form input[type=search] { flex: 1 1 20em; font: inherit; padding: 6px 8px; border: 1px solid var(--muted); }
.search-form button { font: inherit; padding: 6px 16px; color: #fff; background: var(--link); border: 1px solid var(--link); }
input:focus-visible, button:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.search-layout { display: grid; grid-template-columns: minmax(12em, 18em) 1fr; gap: 24px; }
@media (max-width: 700px) { .search-layout { grid-template-columns: 1fr; } }
.facets h2 { font-size: 1.05rem; margin: 12px 0 4px; }
.facets ul, .paging ul { list-style: none; padding: 0; margin: 0; }
.paging ul { display: flex; gap: 16px; margin-top: 16px; }
#search-results > li { margin-bottom: 16px; }
#search-results h3 { margin: 0 0 4px; font-size: 1.1rem; }
.status-failed, .status-interrupted { color: #9b1c13; font-weight: 600; }
.status-partial { color: #7a4d00; font-weight: 600; }
.status-succeeded { color: #0d5a24; }
)css";
}

std::string_view favicon() {
    return R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#12324f"/><path d="M16 28V9" stroke="#f2c14e" stroke-width="2"/><g fill="#f2c14e"><ellipse cx="12.5" cy="12" rx="3" ry="4.5" transform="rotate(-30 12.5 12)"/><ellipse cx="19.5" cy="12" rx="3" ry="4.5" transform="rotate(30 19.5 12)"/><ellipse cx="12.5" cy="18" rx="3" ry="4.5" transform="rotate(-30 12.5 18)"/><ellipse cx="19.5" cy="18" rx="3" ry="4.5" transform="rotate(30 19.5 18)"/><ellipse cx="16" cy="6.5" rx="2.5" ry="4"/></g></svg>
)svg";
}

}  // namespace ernte::catalog::web
