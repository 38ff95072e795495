// A minimal LSP client for the protocol tests: spawns the bundled server over stdio, keeps a local
// copy of each open document, and sends every edit as an incremental change, as VS Code does.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PreviewParams, StatusParams } from '../../server/src/protocol';

/** The repository root: the nearest folder up with the package's package.json (works from test/ and out/test/). */
export const repoRoot = (() => {
  let dir = __dirname;
  while (!isPackageRoot(dir)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json of gongkai above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();

function isPackageRoot(dir: string): boolean {
  const file = path.join(dir, 'package.json');
  return existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).name === 'gongkai';
}

export function seed(name: string): string {
  return readFileSync(path.resolve(repoRoot, '..', 'shared', 'seeds', name), 'utf8');
}

export function fileUri(name: string): string {
  return pathToFileURL(path.join(repoRoot, 'test', 'protocol', name)).href;
}

export interface ClientOptions {
  /** InitializeParams.locale. */
  locale?: string;
  /** What the client answers to workspace/configuration for the `gongkai` section. */
  settings?: Record<string, unknown>;
  /** Whether the client declares workspace/configuration (default true); without it settings can only be pushed. */
  configuration?: boolean;
  /** Workspace folders (absolute paths); default the repository. */
  folders?: string[];
  initializationOptions?: Record<string, unknown>;
}

const DEFAULT_TIMEOUT = 15_000;

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly previews: PreviewParams[] = [];
  readonly logs: string[] = [];
  settings: Record<string, unknown>;
  stderr = '';

  private readonly documents = new Map<string, TextDocument>();
  private readonly waiters = new Set<() => void>();
  private exited = false;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    process.on('exit', () => {
      this.exited = true;
      this.notify();
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.notify();
    });
    connection.onNotification('gongkai/status', (params: StatusParams) => {
      this.statuses.push(params);
      this.notify();
    });
    connection.onNotification('gongkai/preview', (params: PreviewParams) => {
      this.previews.push(params);
      this.notify();
    });
    connection.onNotification('window/showMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.notify();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.notify();
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'gongkai' ? this.settings : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const serverPath = path.join(repoRoot, 'dist', 'server.js');
    if (!existsSync(serverPath)) {
      const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
      if (build.status !== 0) throw new Error('building dist/server.js failed');
    }
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options.settings ?? {});
    const folders = options.folders ?? [repoRoot];
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folders[0]).href,
      workspaceFolders: folders.map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) })),
      initializationOptions: options.initializationOptions,
      locale: options.locale ?? 'zh-cn',
      capabilities: {
        workspace: {
          configuration: options.configuration ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true },
          inlayHint: { refreshSupport: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: {},
          inlayHint: {},
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  get alive(): boolean {
    return !this.exited;
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  version(uri: string): number {
    return this.document(uri).version;
  }

  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  async open(uri: string, text: string, languageId = 'plaintext'): Promise<number> {
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Sends the edits as one incremental didChange (each range in the text as left by the previous one); returns the new version. */
  async change(uri: string, edits: TextEdit[]): Promise<number> {
    const document = this.document(uri);
    const version = document.version + 1;
    const contentChanges = edits.map((edit) => ({ range: edit.range, text: edit.newText }));
    TextDocument.update(document, contentChanges, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  /** Applies a workspace edit computed on the current version: later edits first, so earlier ranges stay valid. */
  async applyEdit(uri: string, edit: WorkspaceEdit): Promise<number> {
    const textEdits: TextEdit[] = [];
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error('only text document edits are expected');
      if (change.textDocument.uri !== uri) throw new Error(`edit for ${change.textDocument.uri}`);
      if (change.textDocument.version !== this.version(uri)) {
        throw new Error(`edit for version ${change.textDocument.version}, document is at ${this.version(uri)}`);
      }
      textEdits.push(...(change.edits as TextEdit[]));
    }
    textEdits.push(...(edit.changes?.[uri] ?? []));
    const document = this.document(uri);
    textEdits.sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
    return this.change(uri, textEdits);
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** The first publish for this document (at this version, if given) that satisfies the predicate, waiting for it. */
  waitForDiagnostics(
    uri: string,
    version?: number,
    predicate: (diagnostics: Diagnostic[]) => boolean = () => true,
    timeout = DEFAULT_TIMEOUT,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      () =>
        this.published.find(
          (p) => p.uri === uri && (version === undefined || p.version === version) && predicate(p.diagnostics),
        ),
      `diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}`,
      timeout,
    );
  }

  /** Resolves when find returns something; rejects on timeout or when the server exits. */
  waitFor<T>(find: () => T | undefined, what: string, timeout = DEFAULT_TIMEOUT): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found !== undefined) done(() => resolve(found));
        else if (this.exited) done(() => reject(new Error(`server exited while waiting for ${what}\n${this.stderr}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${what}`))), timeout);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  symbols(uri: string): Promise<DocumentSymbol[] | null> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  foldingRanges(uri: string): Promise<FoldingRange[] | null> {
    return this.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
  }

  dump(uri: string): Promise<unknown> {
    return this.connection.sendRequest('gongkai/dump', { uri });
  }

  inlayHints(uri: string, range: Range): Promise<InlayHint[] | null> {
    return this.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range });
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  /** Tells the server files changed on disk (1 created, 2 changed, 3 deleted). */
  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** shutdown + exit, then make sure the child is gone whatever happened. */
  async stop(): Promise<void> {
    try {
      if (this.alive) {
        await withTimeout(this.connection.sendRequest('shutdown'), 2_000);
        await this.connection.sendNotification('exit');
        await this.waitFor(() => (this.exited ? true : undefined), 'exit', 2_000);
      }
    } catch {
      // Killed below.
    } finally {
      this.connection.dispose();
      if (!this.exited) this.process.kill('SIGKILL');
    }
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The rules whose findings are arithmetic (the ones held back while typing in a row). */
export const ARITHMETIC_RULES = ['row-total', 'column-total', 'balance', 'review-total'];

/** Wait a fixed time, for "nothing more arrives" assertions. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Range of a line's content, or of the first occurrence of needle in that line. */
export function lineRange(text: string, line: number, needle?: string): Range {
  const content = text.split(/\r?\n/)[line];
  if (content === undefined) throw new Error(`no line ${line}`);
  const start = needle === undefined ? 0 : content.indexOf(needle);
  if (start < 0) throw new Error(`"${needle}" not on line ${line}: ${content}`);
  const end = needle === undefined ? content.length : start + needle.length;
  return { start: { line, character: start }, end: { line, character: end } };
}
