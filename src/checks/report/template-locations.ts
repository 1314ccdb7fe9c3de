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
  const cdkJson = findResourceLinesInCdkJson(templateText);
  if (cdkJson !== undefined) {
    return cdkJson;
  }
  // Line starts, found once; lines are read only where needed.
  const starts = [0];
  for (let i = templateText.indexOf('\n'); i !== -1; i = templateText.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  const lineCount = starts.length;
  const indentAt = (i: number): number => indentOf(templateText, starts[i]);
  const keyAt = (i: number): string | undefined => {
    const end = i + 1 < lineCount ? starts[i + 1] - 1 : templateText.length;
    const m = KEY_LINE.exec(templateText.slice(starts[i], end));
    return m ? (m[2] ?? m[3] ?? m[4]) : undefined;
  };
  let topIndent = Infinity;
  for (let i = 0; i < lineCount; i++) {
    const indent = indentAt(i);
    if (indent < topIndent && keyAt(i) !== undefined) {
      topIndent = indent;
    }
  }
  let start = -1;
  for (let i = 0; i < lineCount && start === -1; i++) {
    if (indentAt(i) === topIndent && keyAt(i) === 'Resources') {
      start = i;
    }
  }
  const result: Record<string, number> = {};
  if (start === -1) {
    return result;
  }
  let resourceIndent: number | undefined;
  for (let i = start + 1; i < lineCount; i++) {
    const indent = indentAt(i);
    if (resourceIndent !== undefined && indent > resourceIndent) {
      continue;
    }
    const key = keyAt(i);
    if (key === undefined) {
      continue;
    }
    if (indent <= topIndent) {
      break;
    }
    resourceIndent ??= indent;
    if (indent === resourceIndent && !(key in result)) {
      result[key] = i + 1;
    }
  }
  return result;
}

/** A resource's key in the JSON aws-cdk-lib writes (`JSON.stringify(template, undefined, 1)`): two spaces deep. */
const CDK_RESOURCE_KEY = /\n {2}"((?:[^"\\\n]|\\.)*)": \{/g;

/**
 * The fast path for the templates aws-cdk-lib writes, where the key of each resource is the only line that starts
 * with exactly two spaces and a quote inside `Resources`: one pass of native searches instead of reading every
 * line. Undefined when the text is not in that layout.
 */
function findResourceLinesInCdkJson(text: string): Record<string, number> | undefined {
  const marker = '\n "Resources": {\n';
  const start = text.indexOf(marker);
  if (!text.startsWith('{\n "') || start === -1) {
    return undefined;
  }
  const end = text.indexOf('\n }', start + 1);
  const result: Record<string, number> = {};
  let line = 1;
  let counted = 0;
  const regex = new RegExp(CDK_RESOURCE_KEY.source, 'g');
  regex.lastIndex = start + marker.length - 1;
  for (let m = regex.exec(text); m !== null && (end === -1 || m.index < end); m = regex.exec(text)) {
    // The key's line is one past the number of line breaks up to and including the one that ends the line before.
    for (let i = text.indexOf('\n', counted); i !== -1 && i <= m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    if (!(m[1] in result)) {
      result[m[1]] = line;
    }
  }
  return result;
}

/** The number of spaces and tabs the line starting at `start` begins with. */
function indentOf(text: string, start: number): number {
  let n = start;
  while (n < text.length && (text.charCodeAt(n) === 32 || text.charCodeAt(n) === 9)) {
    n++;
  }
  return n - start;
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
