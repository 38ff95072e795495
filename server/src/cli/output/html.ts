// `--format html`: the supervising office's summary page. One self-contained file (inline style and
// script, no network) that opens from a USB stick on an offline intranet. Everything is rendered here
// on the command line, so the page reads without its script; the script only sorts, filters and opens
// rows. Every string that comes from a file (names, titles, cell text inside messages) is HTML-escaped,
// and the page's Content-Security-Policy runs no script but its own (by hash), so a hostile report
// cannot put a script into the office's browser.
import { createHash } from 'node:crypto';
import type { Locale, RuleId } from '../../engine';
import { CHECKS } from '../../engine';
import { counts, formatLabel, locationText, proposedFix, severityName, type FileResult } from '../results';
import { statusText } from './status';

export interface RunFacts {
  /** When the run (or the merge) happened. */
  at: Date;
  version: string;
  /** What was checked: the paths given, or the JSON files merged. */
  inputs: string[];
  merged?: boolean;
}

const T = {
  'zh-cn': {
    title: '政府信息公开工作年度报告检查汇总',
    facts: '运行情况',
    when: '时间',
    inputs: '检查对象',
    mergedInputs: '合并的结果文件',
    files: '文件总数',
    checked: '已检查报告',
    unreadable: '无法读取',
    notReports: '不是年度报告',
    version: 'Gongkai 版本',
    chart: '各规则发现数',
    noFindings: '没有发现问题。',
    reports: '报告',
    filterRule: '按规则筛选',
    filterBody: '按单位筛选',
    all: '全部',
    file: '文件',
    body: '单位',
    year: '年度',
    format: '表格格式',
    errors: '错误',
    warnings: '警告',
    status: '状态',
    location: '位置',
    severity: '级别',
    rule: '规则',
    message: '说明',
    fix: '建议修正',
    none: '无',
    noneFound: '未发现问题。',
    years: '跨年度比对（上年结转）',
    yearsNote: '同一单位相邻年度的报告按报告中的单位名称和年度自动配对，比对“上年结转”与上年“结转下年度”。',
    carryOk: '上年结转一致',
    carryFindings: (n: number) => `上年结转不一致 ${n} 处`,
    notCompared: '未比对（两份报告不在同一次检查中）',
    missingYear: (y: number) => `缺少 ${y} 年度报告`,
    unpaired: '未配对的报告',
    unpairedNote: '没有相邻年度报告的，或未能从报告中读出单位、年度的。',
    noBodyYear: '未能读出单位或年度',
    onlyYear: '只有这一年度',
    problems: '无法读取的文件',
    reason: '原因',
    notReportList: '不是年度报告的文件（未检查）',
    openHint: '点击报告行查看问题明细；点击表头排序。',
    notes: '读取说明',
  },
  en: {
    title: 'Annual information-disclosure reports: check summary',
    facts: 'Run',
    when: 'When',
    inputs: 'Checked',
    mergedInputs: 'Merged result files',
    files: 'Files',
    checked: 'Reports checked',
    unreadable: 'Unreadable',
    notReports: 'Not reports',
    version: 'Gongkai version',
    chart: 'Findings by rule',
    noFindings: 'No findings.',
    reports: 'Reports',
    filterRule: 'Rule',
    filterBody: 'Body',
    all: 'all',
    file: 'File',
    body: 'Body',
    year: 'Year',
    format: 'Format',
    errors: 'Errors',
    warnings: 'Warnings',
    status: 'Status',
    location: 'Location',
    severity: 'Severity',
    rule: 'Rule',
    message: 'Message',
    fix: 'Proposed fix',
    none: 'none',
    noneFound: 'No findings.',
    years: 'Across years (carry-over)',
    yearsNote: 'Reports of the same body in consecutive years are paired by the body and year read from the reports, and carried-over requests compared with last year’s carried-forward ones.',
    carryOk: 'carry-over consistent',
    carryFindings: (n: number) => `${n} carry-over difference(s)`,
    notCompared: 'not compared (the two reports were not checked in one run)',
    missingYear: (y: number) => `no report for ${y}`,
    unpaired: 'Unpaired reports',
    unpairedNote: 'Reports with no report of the same body a year before or after, or whose body or year could not be read.',
    noBodyYear: 'body or year not read',
    onlyYear: 'only this year',
    problems: 'Unreadable files',
    reason: 'Reason',
    notReportList: 'Files that are not reports (not checked)',
    openHint: 'Click a report to see its findings; click a column header to sort.',
    notes: 'Reading notes',
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function toHtml(results: FileResult[], locale: Locale, facts: RunFacts): string {
  const t = T[locale];
  const e = escapeHtml;
  const reports = results.filter((r) => r.status === 'checked');
  const unreadable = results.filter((r) => r.status === 'unreadable');
  const notReports = results.filter((r) => r.status === 'not-report');
  const script = SCRIPT;
  const scriptHash = createHash('sha256').update(script).digest('base64');
  const policy = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'`;

  const bodies = [...new Set(reports.map((r) => r.body).filter((b): b is string => !!b))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const rulesSeen = CHECKS.map((c) => c.id).filter((id) => reports.some((r) => r.diagnostics.some((d) => d.rule === id)));

  const factRows: [string, string][] = [
    [t.when, `${facts.at.toISOString().slice(0, 19).replace('T', ' ')} UTC`],
    [facts.merged ? t.mergedInputs : t.inputs, facts.inputs.join(' ')],
    [t.files, String(results.length)],
    [t.checked, String(reports.length)],
    [t.unreadable, String(unreadable.length)],
    [t.notReports, String(notReports.length)],
    [t.version, facts.version],
  ];

  const reportRows = reports
    .map((r, i) => {
      const tally = counts(r);
      const rules = [...new Set(r.diagnostics.map((d) => d.rule))].join(' ');
      const state = tally.errors > 0 ? 'error' : tally.warnings > 0 ? 'warning' : 'ok';
      const findings = r.diagnostics.length
        ? `<table class="findings"><thead><tr><th>${t.location}</th><th>${t.severity}</th><th>${t.rule}</th><th>${t.message}</th><th>${t.fix}</th></tr></thead><tbody>${r.diagnostics
            .map(
              (d) =>
                `<tr data-rule="${e(d.rule)}" class="sev-${d.severity}"><td class="loc">${e(locationText(d, locale))}</td><td>${e(severityName(d.severity, locale))}</td><td><code>${e(d.rule)}</code></td><td>${e(d.message[locale])}</td><td>${e(proposedFix(d, locale) || t.none)}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : `<p>${t.noneFound}</p>`;
      const notes = r.warnings?.length ? `<div class="notes"><b>${t.notes}</b><ul>${r.warnings.map((w) => `<li>${e(w[locale])}</li>`).join('')}</ul></div>` : '';
      return (
        `<tr class="report ${state}" id="r${i}" tabindex="0" aria-expanded="false" aria-controls="f${i}" data-file="${e(r.file)}" data-body="${e(r.body ?? '')}" data-year="${r.year ?? ''}" data-format="${e(formatLabel(r))}" data-errors="${tally.errors}" data-warnings="${tally.warnings}" data-status="${e(statusText(r, locale))}" data-rules="${e(rules)}">` +
        `<td class="file">${e(r.file)}${r.warnings?.length ? ` <span class="note" title="${e(r.warnings.map((w) => w[locale]).join('\n'))}">${t.notes}</span>` : ''}</td><td>${e(r.body ?? '')}</td><td class="num">${r.year ?? ''}</td><td>${e(formatLabel(r))}</td><td class="num">${tally.errors}</td><td class="num">${tally.warnings}</td><td>${e(statusText(r, locale))}</td></tr>` +
        `<tr class="detail" id="f${i}"><td colspan="7">${notes}${findings}</td></tr>`
      );
    })
    .join('\n');

  const columns: [string, string, 'text' | 'number'][] = [
    ['file', t.file, 'text'],
    ['body', t.body, 'text'],
    ['year', t.year, 'number'],
    ['format', t.format, 'text'],
    ['errors', t.errors, 'number'],
    ['warnings', t.warnings, 'number'],
    ['status', t.status, 'text'],
  ];

  return `<!DOCTYPE html>
<html lang="${locale === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${t.title}</h1>
<section id="facts"><h2>${t.facts}</h2><dl>${factRows.map(([k, v]) => `<dt>${k}</dt><dd>${e(v)}</dd>`).join('')}</dl></section>
<section id="chart"><h2>${t.chart}</h2>${barChart(reports, locale)}</section>
<section id="reports"><h2>${t.reports}</h2>
<p class="hint">${t.openHint}</p>
<div class="filters">
<label>${t.filterRule} <select id="filter-rule"><option value="">${t.all}</option>${rulesSeen.map((id) => `<option value="${id}">${id}</option>`).join('')}</select></label>
<label>${t.filterBody} <select id="filter-body"><option value="">${t.all}</option>${bodies.map((b) => `<option value="${e(b)}">${e(b)}</option>`).join('')}</select></label>
</div>
<table id="report-table">
<thead><tr>${columns.map(([key, label, type]) => `<th data-key="${key}" data-type="${type}" aria-sort="none" tabindex="0">${label}</th>`).join('')}</tr></thead>
<tbody>
${reportRows}
</tbody>
</table>
</section>
<section id="years"><h2>${t.years}</h2><p class="hint">${t.yearsNote}</p>${yearsSection(reports, locale)}</section>
<section id="problems"><h2>${t.problems} (${unreadable.length})</h2>${
    unreadable.length
      ? `<table class="problems"><thead><tr><th>${t.file}</th><th>${t.reason}</th></tr></thead><tbody>${unreadable.map((r) => `<tr><td class="file">${e(r.file)}</td><td>${e(r.reason?.[locale] ?? '')}</td></tr>`).join('')}</tbody></table>`
      : `<p>${t.none}</p>`
  }
<h2>${t.notReportList} (${notReports.length})</h2>${
    notReports.length
      ? `<table class="problems"><thead><tr><th>${t.file}</th><th>${t.reason}</th></tr></thead><tbody>${notReports.map((r) => `<tr><td class="file">${e(r.file)}</td><td>${e(r.reason?.[locale] ?? '')}</td></tr>`).join('')}</tbody></table>`
      : `<p>${t.none}</p>`
  }</section>
<script>${script}</script>
</body>
</html>
`;
}

/** Findings per rule as horizontal bars, drawn here as SVG: nothing to download, nothing to run. */
function barChart(reports: FileResult[], locale: Locale): string {
  const tally = new Map<RuleId, { error: number; other: number }>();
  for (const r of reports) {
    for (const d of r.diagnostics) {
      const entry = tally.get(d.rule) ?? { error: 0, other: 0 };
      if (d.severity === 'error') entry.error++;
      else entry.other++;
      tally.set(d.rule, entry);
    }
  }
  const bars = [...tally.entries()].sort((a, b) => b[1].error + b[1].other - (a[1].error + a[1].other) || a[0].localeCompare(b[0]));
  if (bars.length === 0) return `<p>${T[locale].noFindings}</p>`;
  const rowHeight = 22;
  const labelWidth = 150;
  const barWidth = 480;
  const max = Math.max(...bars.map(([, c]) => c.error + c.other));
  const rows = bars
    .map(([rule, c], i) => {
      const y = i * rowHeight;
      const errorWidth = (c.error / max) * barWidth;
      const otherWidth = (c.other / max) * barWidth;
      const total = c.error + c.other;
      return (
        `<g transform="translate(0,${y})"><title>${rule}: ${total}</title>` +
        `<text x="${labelWidth - 6}" y="15" text-anchor="end">${rule}</text>` +
        (c.error ? `<rect class="bar-error" x="${labelWidth}" y="3" width="${errorWidth.toFixed(1)}" height="${rowHeight - 6}"/>` : '') +
        (c.other ? `<rect class="bar-other" x="${(labelWidth + errorWidth).toFixed(1)}" y="3" width="${otherWidth.toFixed(1)}" height="${rowHeight - 6}"/>` : '') +
        `<text x="${(labelWidth + errorWidth + otherWidth + 6).toFixed(1)}" y="15">${total}</text></g>`
      );
    })
    .join('');
  const legend = locale === 'en' ? ['errors', 'warnings and notes'] : ['错误', '警告及提示'];
  const height = bars.length * rowHeight + 26;
  return (
    `<svg class="chart" role="img" width="${labelWidth + barWidth + 60}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}">${rows}` +
    `<g transform="translate(${labelWidth},${bars.length * rowHeight + 6})"><rect class="bar-error" width="12" height="12"/><text x="16" y="11">${legend[0]}</text>` +
    `<rect class="bar-other" x="90" width="12" height="12"/><text x="106" y="11">${legend[1]}</text></g></svg>`
  );
}

/** Reports grouped by body over the years, each year said to be compared with the one before or not. */
function yearsSection(reports: FileResult[], locale: Locale): string {
  const t = T[locale];
  const e = escapeHtml;
  const byBody = new Map<string, FileResult[]>();
  const unpaired: [FileResult, string][] = [];
  for (const r of reports) {
    if (!r.body || r.year === undefined) {
      unpaired.push([r, t.noBodyYear]);
      continue;
    }
    byBody.set(r.body, [...(byBody.get(r.body) ?? []), r]);
  }
  const chains: string[] = [];
  for (const [body, list] of [...byBody.entries()].sort((a, b) => a[0].localeCompare(b[0], 'zh-CN'))) {
    const years = [...new Set(list.map((r) => r.year!))].sort((a, b) => a - b);
    const paired = (year: number) => years.includes(year - 1) || years.includes(year + 1);
    if (!years.some(paired)) {
      for (const r of list) unpaired.push([r, t.onlyYear]);
      continue;
    }
    const items: string[] = [];
    for (let i = 0; i < years.length; i++) {
      const year = years[i];
      if (i > 0 && year - years[i - 1] > 1) {
        for (let missing = years[i - 1] + 1; missing < year; missing++) items.push(`<li class="gap">${e(t.missingYear(missing))}</li>`);
      }
      for (const r of list.filter((x) => x.year === year)) {
        const carry = r.diagnostics.filter((d) => d.rule === 'carry-over').length;
        const state = !years.includes(year - 1)
          ? ''
          : !r.comparedWith
            ? `<span class="warn">${t.notCompared}</span>`
            : carry > 0
              ? `<span class="bad">${e(t.carryFindings(carry))}</span>`
              : `<span class="good">${t.carryOk}</span>`;
        items.push(`<li><b>${year}</b> <span class="file">${e(r.file)}</span> ${state}</li>`);
      }
    }
    chains.push(`<div class="chain"><h3>${e(body)} <small>${years[0]}–${years[years.length - 1]}</small></h3><ol>${items.join('')}</ol></div>`);
  }
  const unpairedList = unpaired.length
    ? `<h3>${t.unpaired} (${unpaired.length})</h3><p class="hint">${t.unpairedNote}</p><ul class="unpaired">${unpaired
        .map(([r, why]) => `<li><span class="file">${e(r.file)}</span> ${e(r.body ?? '')} ${r.year ?? ''} <small>(${e(why)})</small></li>`)
        .join('')}</ul>`
    : '';
  return chains.join('') + unpairedList;
}

const STYLE = `
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:1.5em;color:#1b1b1b;background:#fff}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}h3{font-size:1em;margin:.8em 0 .3em}
dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{color:#555}dd{margin:0;word-break:break-all}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d0d0;padding:.3em .5em;text-align:left;vertical-align:top}
#report-table>thead th{background:#f0f3f7;cursor:pointer;user-select:none;white-space:nowrap}
#report-table>thead th[aria-sort=ascending]::after{content:" ▲"}#report-table>thead th[aria-sort=descending]::after{content:" ▼"}
tr.report{cursor:pointer}tr.report:hover,tr.report:focus{background:#eef5ff;outline:none}
tr.report.error td:nth-child(5){color:#b00020;font-weight:bold}tr.report.warning td:nth-child(6){color:#9a6700;font-weight:bold}
tr.report[aria-expanded=true]{background:#e3eefc}tr.detail>td{background:#fafafa;padding:.5em 1em}
table.findings th{background:#f5f5f5}table.findings td:nth-child(-n+3){white-space:nowrap}tr.sev-error td:nth-child(2){color:#b00020}tr.sev-warning td:nth-child(2){color:#9a6700}
.num{text-align:right;font-variant-numeric:tabular-nums}.file,.loc{font-family:Consolas,"DejaVu Sans Mono",monospace;font-size:.9em;word-break:break-all}
.filters{display:flex;gap:1.5em;margin:.5em 0}.hint{color:#555;font-size:.9em}
svg.chart text{font-size:12px;fill:#333}.bar-error{fill:#c62828}.bar-other{fill:#f0a030}
.chain ol{list-style:none;padding-left:1em;margin:.2em 0}.chain li{margin:.15em 0}.gap{color:#888;font-style:italic}
.notes{background:#fff8e1;border-left:3px solid #f0a030;padding:.3em .8em;margin-bottom:.5em}.notes ul{margin:.2em 0}.note{font-family:sans-serif;font-size:.75em;color:#9a6700;border:1px solid #f0a030;border-radius:3px;padding:0 .3em}
.good{color:#1b7f3b}.bad{color:#b00020;font-weight:bold}.warn{color:#9a6700}
`;

// Sorting, filtering and opening rows. A report row and its detail row move together.
const SCRIPT = `(function(){
var table=document.getElementById('report-table');var body=table.tBodies[0];
function pairs(){var rows=[].slice.call(body.rows),out=[];for(var i=0;i<rows.length;i+=2)out.push([rows[i],rows[i+1]]);return out;}
pairs().forEach(function(p){p[1].hidden=true;});
function toggle(row){var open=row.getAttribute('aria-expanded')!=='true';row.setAttribute('aria-expanded',String(open));document.getElementById(row.getAttribute('aria-controls')).hidden=!open;}
body.addEventListener('click',function(ev){var row=ev.target.closest('tr.report');if(row)toggle(row);});
body.addEventListener('keydown',function(ev){var row=ev.target.closest('tr.report');if(row&&(ev.key==='Enter'||ev.key===' ')){ev.preventDefault();toggle(row);}});
var heads=[].slice.call(table.tHead.rows[0].cells);
function sortBy(th){var key=th.dataset.key,num=th.dataset.type==='number';var dir=th.getAttribute('aria-sort')==='descending'||th.getAttribute('aria-sort')==='none'&&!num?'ascending':'descending';
heads.forEach(function(h){h.setAttribute('aria-sort','none');});th.setAttribute('aria-sort',dir);var sign=dir==='ascending'?1:-1;
var list=pairs();list.sort(function(a,b){var x=a[0].dataset[key],y=b[0].dataset[key];var c=num?(x===''?-Infinity:+x)-(y===''?-Infinity:+y):x.localeCompare(y,'zh-CN');return c*sign||a[0].dataset.file.localeCompare(b[0].dataset.file);});
list.forEach(function(p){body.appendChild(p[0]);body.appendChild(p[1]);});}
heads.forEach(function(th){th.addEventListener('click',function(){sortBy(th);});th.addEventListener('keydown',function(ev){if(ev.key==='Enter')sortBy(th);});});
var ruleSel=document.getElementById('filter-rule'),bodySel=document.getElementById('filter-body');
function filter(){var rule=ruleSel.value,b=bodySel.value;pairs().forEach(function(p){var show=(!rule||p[0].dataset.rules.split(' ').indexOf(rule)>=0)&&(!b||p[0].dataset.body===b);p[0].hidden=!show;if(!show)p[1].hidden=true;else p[1].hidden=p[0].getAttribute('aria-expanded')!=='true';
[].slice.call(p[1].querySelectorAll('tr[data-rule]')).forEach(function(f){f.hidden=!!rule&&f.dataset.rule!==rule;});});}
ruleSel.addEventListener('change',filter);bodySel.addEventListener('change',filter);
})();`;
