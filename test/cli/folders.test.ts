// Issue 12, a run that stops, hangs or miscounts: a folder run checks the folder, whatever it holds.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateReport } from '../../bench/reports';
import { cliPath, runCli, tempFolder } from './run';

const report = generateReport(7, { layout: 'tabs', errors: 0 }).text;

/** A folder with one good report in it, plus whatever the test adds. */
function folderWithReport(name: string): string {
  const dir = tempFolder(name);
  writeFileSync(join(dir, 'good.txt'), report);
  return dir;
}

const checkedCount = (stdout: string) => Number(/共检查 (\d+) 个文件/.exec(stdout)?.[1]);

describe('a folder run never hangs and checks the rest (issue 12.8, 12.9)', () => {
  test('a FIFO named *.txt is skipped and said, not waited on', () => {
    const dir = folderWithReport('fifo');
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const run = runCli(['check', dir], { timeout: 20_000 });
    assert.equal(run.signal, null, 'the run finished on its own');
    assert.match(run.stderr, /pipe\.txt.*FIFO/);
    assert.equal(checkedCount(run.stdout), 1, 'the report beside it is checked');
  });

  test('a FIFO named on the command line is refused, not waited on', () => {
    const dir = tempFolder('fifo-named');
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const run = runCli(['check', join(dir, 'pipe.txt')], { timeout: 20_000 });
    assert.equal(run.signal, null, 'the run finished on its own');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /FIFO/);
  });

  test('a dangling symbolic link is skipped with a short message, the rest checked', () => {
    const dir = folderWithReport('dangling');
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'broken.txt'));
    const run = runCli(['check', dir]);
    assert.match(run.stderr, /broken\.txt: .*符号链接/);
    assert.equal(checkedCount(run.stdout), 1);
  });

  test('a symbolic link loop is skipped with a short message, the rest checked', () => {
    const dir = folderWithReport('loop');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'also.txt'), report);
    symlinkSync('..', join(dir, 'sub', 'up'));
    symlinkSync('self.txt', join(dir, 'self.txt'));
    const run = runCli(['check', dir]);
    assert.match(run.stderr, /up: .*(循环|loop)/);
    assert.match(run.stderr, /self\.txt: .*(循环|loop)/);
    for (const line of run.stderr.split('\n')) assert.ok(line.length < 300, `a short message: ${line.slice(0, 80)}…`);
    assert.equal(checkedCount(run.stdout), 2);
  });

  test('an unreadable subfolder is skipped with a short message, the rest checked', () => {
    const dir = folderWithReport('unreadable');
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'hidden.txt'), report);
    chmodSync(join(dir, 'locked'), 0o000);
    chmodSync(dir, 0o755);
    // As root every folder is readable: run the CLI as nobody, which a locked folder does stop.
    const command = [...(process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []), process.execPath, cliPath, 'check', dir];
    const { stdout, stderr } = spawnSync(command[0], command.slice(1), { encoding: 'utf8' });
    assert.match(stderr, /locked: .*(没有权限|permission)/);
    assert.equal(checkedCount(stdout), 1, 'the report beside it is checked');
  });
});

describe('each file once, and no silent empty run (issue 12.10, 12.11)', () => {
  test('the same file given three ways is checked once', () => {
    const dir = tempFolder('twice');
    mkdirSync(join(dir, 'dir'));
    writeFileSync(join(dir, 'dir', 'a.txt'), generateReport(3, { layout: 'tabs', errors: 2 }).text);
    const run = runCli(['check', '--format', 'json', 'dir', 'dir/a.txt', './dir/a.txt'], { cwd: dir });
    const results = JSON.parse(run.stdout) as { file: string }[];
    assert.deepEqual(results.map((r) => r.file), [join('dir', 'a.txt')]);
  });

  test('an existing folder with no report exits 2 and says so', () => {
    const dir = tempFolder('empty');
    writeFileSync(join(dir, 'notes.txt'), '会议记录\n1.讨论下周值班安排。\n');
    const run = runCli(['check', dir]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /没有找到年度报告/);
  });

  test('an empty folder exits 2 and says so', () => {
    const run = runCli(['check', tempFolder('nothing')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /没有找到年度报告/);
  });

  test('a corrupt Word or PDF file in a folder is named unreadable with its reason, never passed as "0 errors"', () => {
    const dir = folderWithReport('kinds');
    writeFileSync(join(dir, 'report.docx'), 'PK\u0003\u0004');
    writeFileSync(join(dir, 'report.pdf'), '%PDF-1.7\n');
    const run = runCli(['check', dir]);
    assert.equal(run.code, 2, 'the exit code says a file was not checked');
    assert.match(run.stderr, /report\.docx: .*损坏.*\.docx/);
    assert.match(run.stderr, /report\.pdf: .*损坏.*PDF/);
    assert.equal(checkedCount(run.stdout), 1);
  });
});
