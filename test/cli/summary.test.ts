// Issue 10, the supervising office: the summary page in a real browser (headless Chromium), the CSV
// read back by a CSV parser, merge of sharded runs, and a folder run on worker threads giving the
// same answer as one thread.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { generateReport } from '../../bench/reports';
import { placeText, type FileLocation } from '../../server/src/cli/results';
import { bytesOf } from '../helpers/bytes';
import { repoRoot, runCli, shared, tempFolder } from './run';

const CHROMIUM = '/usr/bin/chromium';
const seedsAndCorpus = [join(shared, 'seeds'), join(shared, 'corpus')];

/** RFC 4180: fields split by commas, records by CRLF, quoted fields with doubled quotes. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  assert.ok(!quoted, 'every quoted field is closed');
  assert.equal(field + record.join(''), '', 'the last record ends with CRLF');
  return records;
}

interface JsonResult {
  file: string;
  status: string;
  reason?: string;
  body: string | null;
  year: number | null;
  diagnostics: { rule: string; severity: string; message: string; range: { start: { line: number; character: number } }; location?: FileLocation }[];
  comparedWith?: string;
}

describe('the summary page in a browser (issue 10)', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (bash test/e2e/setup.sh installs it)` }, () => {
  let browser: Browser;
  let profile: string;
  before(async () => {
    profile = mkdtempSync(join(tmpdir(), 'gongkai-chromium-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    });
  });
  after(async () => browser?.close());

  async function open(file: string) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) problems.push(`network: ${request.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
    return { page, problems };
  }

  test('seeds and corpus: sorted by errors, a report opens to its findings, five years of one body without carry-over findings', async () => {
    const dir = tempFolder('summary');
    const output = join(dir, '汇总.html');
    const run = runCli(['check', ...seedsAndCorpus, '--format', 'html', '--output', output]);
    assert.equal(run.code, 1, 'exit 1: errors found, and every file read (the .pdf and .docx of corpus/files too)');
    const { page, problems } = await open(output);

    const errorsOf = () => page.$$eval('#report-table tr.report', (rows) => rows.map((r) => Number(r.getAttribute('data-errors'))));
    assert.equal((await errorsOf()).length, 24, 'every seed and corpus report has a row, the .pdf and the .docx template of corpus/files too');
    await page.click('#report-table th[data-key=errors]');
    const descending = await errorsOf();
    assert.deepEqual(descending, [...descending].sort((a, b) => b - a), 'most errors first');
    assert.ok(descending[0] > 0);
    await page.click('#report-table th[data-key=errors]');
    const ascending = await errorsOf();
    assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b), 'then fewest first');
    await page.click('#report-table th[data-key=errors]');

    const first = page.locator('#report-table tr.report').first();
    const detail = page.locator(`#${await first.getAttribute('aria-controls')}`);
    assert.equal(await detail.isVisible(), false, 'findings are folded at first');
    await first.click();
    assert.equal(await detail.isVisible(), true, 'a click opens the report');
    const findings = await detail.locator('table.findings tbody tr').allInnerTexts();
    assert.equal(findings.length, descending[0] + Number(await first.getAttribute('data-warnings')) + (await detail.locator('tr.sev-info, tr.sev-hint').count()));
    assert.ok(findings.some((f) => /\d+:\d+\s+错误\s+\S+\s+.+/.test(f)), `a finding with its location, severity, rule and message: ${findings[0]}`);
    const fixes = await detail.locator('table.findings tbody tr td:last-child').allInnerTexts();
    assert.ok(fixes.some((fix) => fix !== '无' && fix.length > 1), 'with the fix it proposes');

    const pingtan = page.locator('#years .chain', { hasText: '平潭综合实验区' });
    assert.equal(await pingtan.count(), 1, 'one body');
    const years = await pingtan.locator('li b').allInnerTexts();
    assert.deepEqual(years, ['2021', '2022', '2023', '2024', '2025'], 'over five years');
    assert.equal(await pingtan.locator('.good').count(), 4, 'each year after the first compared with the year before');
    assert.equal(await pingtan.locator('.bad, .warn').count(), 0, 'no carry-over finding');
    assert.equal(await page.locator('#report-table tr.report', { hasText: 'pingtan' }).locator('text=carry-over').count(), 0);

    mkdirSync(join(repoRoot, 'test', 'e2e', 'artifacts'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test', 'e2e', 'artifacts', 'summary-page.png'), fullPage: true });
    assert.deepEqual(problems, [], 'no console error, no page error, no network request');
    await page.close();
  });

  test('filters by rule and by body', async () => {
    const output = join(tempFolder('filters'), 'summary.html');
    runCli(['check', ...seedsAndCorpus, '--format', 'html', '--output', output]);
    const { page, problems } = await open(output);
    const visible = () => page.locator('#report-table tr.report:visible').count();
    const all = await visible();
    await page.selectOption('#filter-rule', 'row-total');
    const withRowTotal = await visible();
    assert.ok(withRowTotal > 0 && withRowTotal < all);
    for (const rules of await page.locator('#report-table tr.report:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rules')!))) {
      assert.ok(rules.split(' ').includes('row-total'));
    }
    await page.selectOption('#filter-rule', '');
    await page.selectOption('#filter-body', '平潭综合实验区');
    assert.equal(await visible(), 5);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a hostile report cannot run a script in the page', async () => {
    const dir = tempFolder('hostile-page');
    const report = generateReport(21, { layout: 'tabs', errors: 0 }).text;
    const at = report.indexOf('（一）予以公开\t') + '（一）予以公开\t'.length;
    const hostile = report.slice(0, at) + '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>' + report.slice(report.indexOf('\t', at));
    writeFileSync(join(dir, '<script>alert(1)<\\script>.txt'), hostile.replace('人民政府', '<b>人民政府</b>'));
    const output = join(dir, 'summary.html');
    runCli(['check', dir, '--format', 'html', '--output', output]);
    const { page } = await open(output);
    await page.locator('#report-table tr.report').first().click();
    assert.notEqual(await page.title(), 'pwned');
    assert.equal(await page.locator('#report-table img, #report-table script, #report-table b').count(), 0, 'report text is text, never markup');
    assert.ok((await page.locator('#report-table').innerText()).includes('<script>document.title="pwned"</script>'), 'and is shown as written');
    await page.close();
  });

  test('bad input in the folder is listed with its reason, the rest checked, exit 2', async () => {
    const dir = tempFolder('bad-input');
    writeFileSync(join(dir, 'good.txt'), generateReport(4, { layout: 'tabs', errors: 1 }).text);
    writeFileSync(join(dir, 'binary.txt'), bytesOf([0x47, 0x4b, 0x00, 0x01, 0x02, 0xff]));
    writeFileSync(join(dir, 'notes.md'), '# 会议记录\n\n1. 讨论下周值班安排。\n');
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const output = join(dir, 'summary.html');
    const run = runCli(['check', dir, '--format', 'html', '--output', output]);
    assert.equal(run.code, 2, 'unreadable files make the exit code 2 (README)');
    const { page, problems } = await open(output);
    assert.equal(await page.locator('#report-table tr.report').count(), 1, 'the report is checked');
    const unreadable = await page.locator('#problems table').first().innerText();
    assert.match(unreadable, /binary\.txt\s+不是文本文件/);
    assert.match(unreadable, /pipe\.txt\s+是命名管道/);
    assert.match(await page.locator('#problems table').nth(1).innerText(), /notes\.md\s+不像政府信息公开工作年度报告/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('English with --locale en', async () => {
    const output = join(tempFolder('english'), 'summary.html');
    runCli(['check', join(shared, 'seeds'), '--format', 'html', '--locale', 'en', '--output', output]);
    const { page } = await open(output);
    assert.equal(await page.locator('h1').innerText(), 'Annual information-disclosure reports: check summary');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.close();
  });
});

describe('CSV (issue 10)', () => {
  test('one line per finding, the columns, a byte-order mark; read back by an RFC 4180 parser', () => {
    const csv = runCli(['check', ...seedsAndCorpus, '--format', 'csv']).stdout;
    const json = JSON.parse(runCli(['check', ...seedsAndCorpus, '--format', 'json']).stdout) as JsonResult[];
    assert.ok(csv.startsWith('\uFEFF'), 'UTF-8 byte-order mark, for Excel');
    const [header, ...rows] = parseCsv(csv.slice(1));
    assert.deepEqual(header, ['文件', '单位', '年度', '规则', '级别', '位置', '说明', '修正']);
    const findings = json.flatMap((r) => r.diagnostics.map((d) => ({ ...d, file: r.file, body: r.body ?? '', year: r.year })));
    assert.equal(rows.length, findings.length, 'one line per finding');
    rows.forEach((row, i) => {
      const f = findings[i];
      // A finding in a Word or PDF file is placed in the file's own terms, one in text by line and column.
      const place = f.location ? placeText(f.location, 'zh-cn') : `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      assert.deepEqual(row.slice(0, 6), [f.file, f.body, String(f.year ?? ''), f.rule, { error: '错误', warning: '警告', info: '提示', hint: '建议' }[f.severity], place]);
      assert.equal(row[6], f.message);
    });
  });

  test('--summary: one line per file with its counts and status', () => {
    const csv = runCli(['check', ...seedsAndCorpus, '--format', 'csv', '--summary', '--locale', 'en']).stdout;
    const [header, ...rows] = parseCsv(csv.slice(1));
    assert.deepEqual(header, ['file', 'body', 'year', 'format', 'errors', 'warnings', 'other', 'status', 'reading notes']);
    assert.equal(rows.length, 25, '24 reports (the .pdf and the .docx template of corpus/files among them), 1 non-report');
    const pingtan = rows.find((r) => r[0].endsWith('101_pingtan_gwh_2023.txt'))!;
    assert.deepEqual(pingtan.slice(1, 3), ['平潭综合实验区', '2023']);
    const pdf = rows.find((r) => r[0].endsWith('001_huaian_szf_2024.pdf'))!;
    assert.deepEqual([pdf[4], pdf[7]], ['0', 'passed'], 'the real PDF is read and holds together, as its text version does');
  });

  test('a cell that would be an Excel formula stays text', () => {
    const dir = tempFolder('formula');
    writeFileSync(join(dir, '=HYPERLINK(1).txt'), generateReport(8, { layout: 'tabs', errors: 1 }).text);
    const [, row] = parseCsv(runCli(['check', '=HYPERLINK(1).txt', '--format', 'csv'], { cwd: dir }).stdout.slice(1));
    assert.equal(row[0], `'=HYPERLINK(1).txt`);
  });
});

describe('worker threads and merge (issue 10)', () => {
  const folder = (() => {
    const dir = tempFolder('jobs');
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, `r${String(i).padStart(2, '0')}.txt`), generateReport(300 + i, { errors: i % 3 }).text);
    return dir;
  })();

  test('the same output with 1, 2 and 3 workers, in the same order', () => {
    const one = runCli(['check', '--jobs', '1', '--format', 'json', folder, ...seedsAndCorpus]).stdout;
    assert.ok(JSON.parse(one).length > 60);
    assert.equal(runCli(['check', '--jobs', '2', '--format', 'json', folder, ...seedsAndCorpus]).stdout, one);
    assert.equal(runCli(['check', '--jobs', '3', '--format', 'json', folder, ...seedsAndCorpus]).stdout, one);
  });

  test('merge of two shards gives what one run gives', () => {
    const dir = tempFolder('merge');
    const whole = runCli(['check', '--format', 'json', folder, ...seedsAndCorpus]).stdout;
    runCli(['check', '--format', 'json', '--output', join(dir, 'a.json'), folder]);
    runCli(['check', '--format', 'json', '--output', join(dir, 'b.json'), ...seedsAndCorpus]);
    const merged = runCli(['merge', '--format', 'json', join(dir, 'a.json'), join(dir, 'b.json')]);
    assert.deepEqual(JSON.parse(merged.stdout), JSON.parse(whole));
    assert.equal(merged.code, 1, 'the exit code of the merged results: errors among them');
    const html = runCli(['merge', join(dir, 'a.json'), join(dir, 'b.json'), '--output', join(dir, 'merged.html')]);
    assert.equal(html.stderr, '');
    assert.match(readFileSync(join(dir, 'merged.html'), 'utf8'), /合并的结果文件/);
  });

  test('merge names a file that is not a check result', () => {
    const dir = tempFolder('merge-bad');
    writeFileSync(join(dir, 'x.json'), '{"not": "an array"}');
    const run = runCli(['merge', join(dir, 'x.json')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /x\.json: not a JSON array/);
  });
});
