/**
 * Escaping for text that comes from users (messages, reasons, construct ids) or from rules written by
 * users, so that it renders as the same characters in GitHub-flavoured Markdown and cannot break a table.
 */

// Characters with a meaning in inline Markdown or in a table row, and `&`/`<`/`>` which GitHub reads as HTML.
const INLINE_SPECIAL = /[\\`*_[\]<>|~&#]/g;

/** Text safe inside a paragraph or a table cell: Markdown punctuation escaped, line breaks as `<br>`. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/\t/g, ' ');
}

/**
 * Text as a code span that is safe in a table cell: the fence is longer than any run of backticks inside,
 * pipes are escaped (GitHub splits table cells before it reads code spans) and line breaks become spaces.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n|\r|\n|\t/g, ' ').replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  if (flat === '') {
    return '` `';
  }
  // CommonMark strips one space from each side, so a span that starts or ends with a backtick can be padded.
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text as the content of an HTML element, e.g. a `<summary>`. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Markdown written on purpose (a rule's description or fix, which may use `code spans`), made safe for a
 * table cell only: pipes escaped (also inside code spans, which GitHub requires) and line breaks as `<br>`.
 * Use `escapeMarkdown` instead for text whose Markdown should not be interpreted.
 */
export function markdownTableCell(markdown: string): string {
  return markdown
    .replace(/\\?\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/\t/g, ' ');
}

/**
 * A finding's message for a table cell. Rules write the props to set as `code spans`, and those stay code
 * spans (with pipes escaped); everything else is escaped like `escapeMarkdown`, because a message also quotes
 * names users chose. With an odd number of backticks there is no reliable pairing, and the whole message is escaped.
 */
export function escapeMessage(text: string): string {
  const parts = text.split('`');
  if (parts.length % 2 === 0) {
    return escapeMarkdown(text);
  }
  return parts
    .map((part, i) => {
      if (i % 2 === 0) {
        return escapeMarkdown(part);
      }
      return part === '' ? '\\`\\`' : codeSpan(part);
    })
    .join('');
}
