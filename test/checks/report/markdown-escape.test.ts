import {
  codeSpan,
  escapeHtml,
  escapeMarkdown,
  escapeMessage,
  markdownTableCell,
} from '../../../src/checks/report/markdown-escape';

describe('escapeMarkdown', () => {
  test.each([
    ['a | b', 'a \\| b'],
    ['use `x`', 'use \\`x\\`'],
    ['*bold* _it_ ~del~', '\\*bold\\* \\_it\\_ \\~del\\~'],
    ['[link](http://x)', '\\[link\\](http://x)'],
    ['<b>&amp;</b>', '\\<b\\>\\&amp;\\</b\\>'],
    ['back\\slash', 'back\\\\slash'],
    ['one\ntwo\r\nthree', 'one<br>two<br>three'],
    ['plain text.', 'plain text.'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('codeSpan', () => {
  test.each([
    ['Stack/Queue/Resource', '`Stack/Queue/Resource`'],
    ['a`b', '``a`b``'],
    ['`edge`', '`` `edge` ``'],
    ['x``y', '```x``y```'],
    ['a|b', '`a\\|b`'],
    ['multi\nline', '`multi line`'],
    ['', '` `'],
  ])('%j -> %j', (input, expected) => {
    expect(codeSpan(input)).toBe(expected);
  });
});

describe('markdownTableCell', () => {
  test('keeps intended Markdown, escapes pipes once and flattens lines', () => {
    expect(markdownTableCell('Set `a | b`.\nThen **c** \\| d')).toBe('Set `a \\| b`.<br>Then **c** \\| d');
  });
});

describe('escapeHtml', () => {
  test('escapes the characters HTML reads', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});

describe('escapeMessage', () => {
  test.each([
    [
      "Queue 'Orders' has no DLQ. Set `deadLetterQueue: { queue }`.",
      "Queue 'Orders' has no DLQ. Set `deadLetterQueue: { queue }`.",
    ],
    ['Set `a | b` on *x*', 'Set `a \\| b` on \\*x\\*'],
    ['`<script>` stays code, <b> outside does not', '`<script>` stays code, \\<b\\> outside does not'],
    ['one `tick', 'one \\`tick'],
    ['empty `` pair', 'empty \\`\\` pair'],
    ['line\nbreak `x`', 'line<br>break `x`'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeMessage(input)).toBe(expected);
  });
});
