import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, flag, html, multiline } from './html.js';

test('html escapes every interpolation by default', () => {
  const evil = `<script>alert("x")</script>' onmouseover='y' \``;
  const out = html`<p title="${evil}">${evil}</p>`.toString();
  assert.ok(!out.includes('<script>'));
  assert.ok(!out.includes(`"x"`));
  assert.equal(out, `<p title="${escapeHtml(evil)}">${escapeHtml(evil)}</p>`);
  assert.match(out, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&#39; onmouseover=&#39;y&#39; &#96;/);
});

test('nested templates and arrays are kept as markup, empty values vanish', () => {
  const items = ['a&b', 'c'].map((x) => html`<li>${x}</li>`);
  const out = html`<ul>${items}</ul>${null}${undefined}${false}${0}`.toString();
  assert.equal(out, '<ul><li>a&amp;b</li><li>c</li></ul>0');
});

test('multiline keeps line breaks but escapes the text', () => {
  assert.equal(multiline('a<b>\nc').toString(), 'a&lt;b&gt;<br>c');
  assert.equal(html`<option${flag(true, 'selected')}>`.toString(), '<option selected>');
  assert.equal(html`<option${flag(false, 'selected')}>`.toString(), '<option>');
});
