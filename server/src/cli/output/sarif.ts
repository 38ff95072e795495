// `--format sarif`: SARIF 2.1.0 for code-scanning tools. Every URI is absolute and percent-encoded:
// files as file: URIs, each rule's help as its documentation page (see `docsUri` in ../about).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { CHECKS, type Locale, type Range, type Severity } from '../../engine';
import { placeText, type Diagnostic, type FileResult } from '../results';
import { ruleDocUri, VERSION } from '../about';

const level = (severity: Severity) => (severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note');

function region(range: Range) {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/**
 * A web page's finding is at a line and column of the page itself; a Word table cell or a PDF page has
 * no line and column: the file, and the place in its own terms as a logical location.
 */
function locationOf(d: Diagnostic, uri: string, locale: Locale) {
  const { location } = d;
  if (!location) return { physicalLocation: { artifactLocation: { uri }, region: region(d.range) } };
  const logicalLocations = [{ fullyQualifiedName: placeText(location, locale), kind: 'element' }];
  if (location.kind === 'html' && location.line > 0 && location.column > 0) {
    return { physicalLocation: { artifactLocation: { uri }, region: { startLine: location.line, startColumn: location.column } }, logicalLocations };
  }
  return { physicalLocation: { artifactLocation: { uri } }, logicalLocations };
}

export function toSarif(results: FileResult[], locale: Locale): unknown {
  const uriOf = (file: string) => pathToFileURL(resolve(file)).href;
  const problems = results.filter((r) => r.status === 'unreadable' || r.writeError);
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'gongkai',
            version: VERSION,
            rules: CHECKS.map((c) => ({
              id: c.id,
              shortDescription: { text: c.description[locale] },
              defaultConfiguration: { level: level(c.defaultSeverity) },
              helpUri: ruleDocUri(c.id),
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            toolExecutionNotifications: [
              ...problems.map((r) => ({
                level: 'error',
                message: { text: (r.writeError ?? r.reason)![locale] },
                locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(r.file) } } }],
              })),
              // What a reader could not read exactly or left out: the findings of that file may be incomplete.
              ...results.flatMap((r) =>
                (r.warnings ?? []).map((warning) => ({
                  level: 'note',
                  message: { text: warning[locale] },
                  locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(r.file) } } }],
                })),
              ),
            ],
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.rule,
            level: level(d.severity),
            message: { text: d.message[locale] },
            locations: [locationOf(d, uriOf(r.file), locale)],
            // Replacements are regions of text: a file that is not plain text has none to give.
            ...(d.fixes.length && !d.location
              ? {
                  fixes: d.fixes.map((fix) => ({
                    description: { text: fix.title[locale] },
                    artifactChanges: [
                      {
                        artifactLocation: { uri: uriOf(r.file) },
                        replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                      },
                    ],
                  })),
                }
              : {}),
          })),
        ),
      },
    ],
  };
}
