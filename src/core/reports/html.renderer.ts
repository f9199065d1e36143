import type { CoverageFunding, CoverageTally } from '../../shared/api-types';
import type { LocalizedText } from '../../shared/localized';
import { ReportFormatter } from './report-format';
import { statusRows, type ReportActivity, type ReportModel } from './report-model';
import {
  activityFundingText,
  coverFacts,
  kpiRows,
  partnersText,
  productionStatement,
  rateLines,
  reportTitle,
  rollupText,
} from './report-sections';

const CSS = `
:root { color: #1a1a1a; font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4; }
body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; border-bottom: 2px solid #7a1f2b; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.2rem; margin-top: 1.8rem; }
h4 { font-size: 1.05rem; margin-top: 1.3rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding: .2rem 0; }
th, td { border: 1px solid #999; padding: .25rem .4rem; text-align: left; vertical-align: top; }
thead th { background: #eee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.cover { border-bottom: 3px solid #7a1f2b; padding-bottom: 1rem; }
.statement, .note { font-size: .9rem; color: #444; }
.rollup { color: #333; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  .cover { page-break-after: always; break-after: page; }
  h2 { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  nav a { color: inherit; text-decoration: none; }
}
`;

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** A self-contained, print-ready HTML page of the report. */
export function renderHtml(m: ReportModel): string {
  const f = new ReportFormatter(m.lang);
  const txt = (value: LocalizedText | null | undefined) => {
    const r = f.text(value);
    return r.fallback ? `<span lang="${r.lang}">${esc(r.text)}</span>` : esc(r.text);
  };
  const c = m.coverage;
  const types = m.fundingTypes;
  const out: string[] = [];
  const push = (...s: string[]) => out.push(...s);

  const fundingCells = (funding: CoverageFunding) =>
    types
      .map((t) => {
        const conv = funding.converted.find((x) => x.type === t);
        return `<td class="num">${conv ? esc(f.money(conv.amountMinor, conv.currency)) : esc(f.t('none'))}</td>`;
      })
      .join('') +
    `<td>${esc(
      funding.original
        .map((o) => `${f.t(`fundingType.${o.type}`)}${f.colon}${f.money(o.amountMinor, o.currency)}`)
        .join('; ') || f.t('none'),
    )}</td>`;
  const fundingHeads = () =>
    types
      .map(
        (t) =>
          `<th scope="col" class="num">${esc(f.t('converted', { type: f.t(`fundingType.${t}`), currency: c.currency }))}</th>`,
      )
      .join('') + `<th scope="col">${esc(f.t('original'))}</th>`;
  const bucketTable = (
    id: string,
    caption: string,
    firstHead: string,
    rows: { head: string; tally: CoverageTally }[],
  ) => {
    push(
      `<table id="${id}"><caption>${esc(caption)}</caption><thead><tr><th scope="col">${esc(firstHead)}</th>`,
      `<th scope="col" class="num">${esc(f.t('activities'))}</th>${fundingHeads()}</tr></thead><tbody>`,
    );
    for (const r of rows) {
      push(
        `<tr><th scope="row">${r.head}</th><td class="num">${esc(f.number(r.tally.activityCount))}</td>${fundingCells(r.tally.funding)}</tr>`,
      );
    }
    push('</tbody></table>');
  };

  push(
    '<!doctype html>',
    `<html lang="${f.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(reportTitle(m, f))}</title>`,
    `<meta name="description" content="${esc(productionStatement(m, f))}">`,
    '<meta name="generator" content="ActionLine">',
    `<meta name="dcterms.created" content="${esc(m.producedAt)}">`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="cover">',
    `<p>${esc(f.t('documentKind'))}</p>`,
    `<h1>${txt(c.plan.title)}</h1>`,
    `<p>${esc(f.t('presentedTo'))}</p>`,
    `<p><strong>${esc(f.t('period'))}${f.colon.trimEnd()}</strong> ${esc(coverFacts(m, f)[1]!.value)}</p>`,
    `<h2 id="about">${esc(f.t('coverTitle'))}</h2>`,
    '<dl class="facts">',
  );
  for (const x of coverFacts(m, f)) push(`<dt>${esc(x.label)}</dt><dd>${esc(x.value)}</dd>`);
  push('</dl>', `<h3>${esc(f.t('ratesUsed'))}</h3>`);
  const rates = rateLines(m, f);
  push(rates.length ? `<ul>${rates.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : `<p>${esc(f.t('noRates'))}</p>`);
  push(
    `<p class="statement">${esc(productionStatement(m, f))}</p>`,
    `<p class="note">${esc(f.t('fallbackNote', { mark: f.fallbackMark }))}</p>`,
    '</header>',
  );

  push(
    `<nav aria-labelledby="toc"><h2 id="toc">${esc(f.t('contents'))}</h2><ol>`,
    `<li><a href="#summary">${esc(f.t('summaryTitle'))}</a></li>`,
    `<li><a href="#progress">${esc(f.t('progressTitle'))}</a><ol>`,
    ...m.pillars.map((p) => `<li><a href="#n-${esc(p.node.code)}">${esc(p.node.code)} ${txt(p.node.title)}</a></li>`),
    '</ol></li>',
    `<li><a href="#annex">${esc(f.t('annexTitle'))}</a></li>`,
    '</ol></nav>',
    '<main>',
  );

  // Executive summary
  push(`<section aria-labelledby="summary"><h2 id="summary">${esc(f.t('summaryTitle'))}</h2>`);
  push(
    `<table><caption>${esc(f.t('kpiTitle'))}</caption><thead><tr><th scope="col">${esc(f.t('kpi'))}</th><th scope="col" class="num">${esc(f.t('value'))}</th></tr></thead><tbody>`,
  );
  for (const k of kpiRows(m, f))
    push(`<tr><th scope="row">${esc(k.label)}</th><td class="num">${esc(k.value)}</td></tr>`);
  push('</tbody></table>');
  push(
    `<table><caption>${esc(f.t('byStatusTitle'))}</caption><thead><tr><th scope="col">${esc(f.t('status'))}</th><th scope="col" class="num">${esc(f.t('count'))}</th></tr></thead><tbody>`,
  );
  for (const s of statusRows(c.summary.byStatus)) {
    push(
      `<tr><th scope="row">${esc(f.t(`status.${s.status}`))}</th><td class="num">${esc(f.number(s.count))}</td></tr>`,
    );
  }
  push('</tbody></table>');
  push(`<p class="rollup">${esc(f.text(c.rule.summary).text)}</p></section>`);

  // Progress
  push(`<section aria-labelledby="progress"><h2 id="progress">${esc(f.t('progressTitle'))}</h2>`);
  const activityRow = (a: ReportActivity) =>
    `<tr><th scope="row">${txt(a.title)}</th><td>${esc(f.t(`status.${a.status}`))}</td><td>${esc(f.span(a.start, a.end))}</td><td>${esc(partnersText(a, f))}</td><td>${esc(activityFundingText(a, f))}</td></tr>`;
  for (const p of m.pillars) {
    push(
      `<section aria-labelledby="n-${esc(p.node.code)}"><h3 id="n-${esc(p.node.code)}">${esc(f.t('pillar'))} ${esc(p.node.code)}${f.colon}${txt(p.node.title)}</h3>`,
      `<p class="rollup">${esc(f.t(`state.${p.node.state}`))} — ${esc(rollupText(p.node, f))}</p>`,
    );
    for (const a of p.areas) {
      push(
        `<h4 id="n-${esc(a.node.code)}">${esc(a.node.code)} ${txt(a.node.title)}</h4>`,
        `<p class="rollup">${esc(f.t('state'))}${f.colon}${esc(f.t(`state.${a.node.state}`))} — ${esc(rollupText(a.node, f))}</p>`,
      );
      if (a.activities.length) {
        push(
          `<table><caption>${esc(f.t('activities'))}${f.colon}${esc(a.node.code)}</caption><thead><tr>`,
          ...(['activity', 'status', 'dates', 'partners', 'funding'] as const).map(
            (k) => `<th scope="col">${esc(f.t(k))}</th>`,
          ),
          '</tr></thead><tbody>',
          ...a.activities.map(activityRow),
          '</tbody></table>',
        );
      } else push(`<p>${esc(f.t('noActivities'))}</p>`);
      if (a.gaps.length) {
        push(
          `<p><strong>${esc(f.t('gaps'))}${f.colon.trimEnd()}</strong></p><ul>`,
          ...a.gaps.map(
            (g) =>
              `<li>${esc(f.t('gapFor', { code: g.code, title: f.text(g.title).text, reason: f.t(`gap.${g.reason}`) }))}</li>`,
          ),
          '</ul>',
        );
      }
    }
    push('</section>');
  }
  push('</section>');

  // Annex
  const b = c.breakdowns;
  push(
    `<section aria-labelledby="annex"><h2 id="annex">${esc(f.t('annexTitle'))}</h2>`,
    `<p>${esc(f.t('annexIntro', { currency: c.currency }))}</p>`,
  );
  bucketTable(
    'annex-pillar',
    f.t('byPillar'),
    f.t('pillar'),
    b.byPillar.map((x) => ({ head: `${esc(x.code)} ${txt(x.title)}`, tally: x })),
  );
  bucketTable(
    'annex-area',
    f.t('byArea'),
    f.t('area'),
    b.byArea.map((x) => ({ head: `${esc(x.code)} ${txt(x.title)}`, tally: x })),
  );
  bucketTable(
    'annex-partner',
    f.t('byPartner'),
    f.t('organisation'),
    b.byPartner.map((x) => ({ head: esc(f.organisation(x.organisation)), tally: x })),
  );
  bucketTable(
    'annex-country',
    f.t('byCountry'),
    f.t('country'),
    b.byCountry.map((x) => ({ head: esc(f.country(x.country)), tally: x })),
  );
  bucketTable(
    'annex-year',
    f.t('byYear'),
    f.t('year'),
    b.byYear.map((x) => ({ head: esc(x.year === null ? f.t('noYear') : String(x.year)), tally: x })),
  );
  push('</section>', '</main>', `<footer><p class="statement">${esc(productionStatement(m, f))}</p></footer>`);
  push('</body>', '</html>');
  return out.join('\n');
}
