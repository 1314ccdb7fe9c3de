import * as fs from 'fs';
import * as path from 'path';

/** Where a stack's template is, as the SARIF results point at it. */
export interface TemplateLocation {
  /**
   * The template's path as written in SARIF `artifactLocation.uri`, with forward slashes, relative to the
   * root the SARIF consumer resolves it against (the repository root for GitHub code scanning), e.g.
   * `cdk.out/MyStack.template.json`.
   */
  readonly uri: string;
  /** The 1-based line of each resource's logical id in the template, by logical id. @default - no lines */
  readonly resourceLines?: Readonly<Record<string, number>>;
}

const KEY_LINE = /^(\s*)(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_.-]+))\s*:/;

/**
 * The 1-based line where each resource is declared in a template's text, by logical id. Works on the JSON
 * CDK writes (one key a line) and on YAML: it takes the `Resources` key with the least indentation, then
 * every key one level deeper, until the indentation falls back. A resource it cannot place is left out.
 * Lines deeper than a resource's own key (its properties: most of a template) are skipped unread.
 */
export function findResourceLines(templateText: string): Record<string, number> {
  const lines = templateText.split('\n');
  const indents = lines.map(indentOf);
  const keyAt = (i: number): string | undefined => {
    const m = KEY_LINE.exec(lines[i]);
    return m ? (m[2] ?? m[3] ?? m[4]) : undefined;
  };
  let topIndent = Infinity;
  for (let i = 0; i < lines.length; i++) {
    if (indents[i] < topIndent && keyAt(i) !== undefined) {
      topIndent = indents[i];
    }
  }
  const start = lines.findIndex((_, i) => indents[i] === topIndent && keyAt(i) === 'Resources');
  const result: Record<string, number> = {};
  if (start === -1) {
    return result;
  }
  let resourceIndent: number | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    if (resourceIndent !== undefined && indents[i] > resourceIndent) {
      continue;
    }
    const key = keyAt(i);
    if (key === undefined) {
      continue;
    }
    if (indents[i] <= topIndent) {
      break;
    }
    resourceIndent ??= indents[i];
    if (indents[i] === resourceIndent && !(key in result)) {
      result[key] = i + 1;
    }
  }
  return result;
}

/** The number of spaces and tabs a line starts with. */
function indentOf(line: string): number {
  let n = 0;
  while (n < line.length && (line.charCodeAt(n) === 32 || line.charCodeAt(n) === 9)) {
    n++;
  }
  return n;
}

/**
 * Locate each stack's template file for SARIF: its path relative to `sourceRoot` and the line of each
 * resource. A file that cannot be read (not written yet, removed) still gets its URI, without lines.
 *
 * @param templateFiles the template file of each stack, by stack name (absolute, or relative to the working directory)
 * @param sourceRoot the directory URIs are made relative to: the repository root, where `upload-sarif` resolves them
 */
export function locateTemplates(
  templateFiles: Readonly<Record<string, string>>,
  sourceRoot: string,
): Record<string, TemplateLocation> {
  const locations: Record<string, TemplateLocation> = {};
  for (const [stackName, file] of Object.entries(templateFiles)) {
    const absolute = path.resolve(file);
    const uri = path.relative(path.resolve(sourceRoot), absolute).split(path.sep).join('/');
    let resourceLines: Record<string, number> | undefined;
    try {
      resourceLines = findResourceLines(fs.readFileSync(absolute, 'utf-8'));
    } catch {
      resourceLines = undefined;
    }
    locations[stackName] = { uri, resourceLines };
  }
  return locations;
}
