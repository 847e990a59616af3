import { describe, expect, it } from 'vitest';
import { escapeText, truncate } from './text';

describe('escapeText', () => {
  it('neutralises mentions and links', () => {
    expect(escapeText('<!channel> & <!here> <@U123> <https://x|y>')).toBe(
      '&lt;!channel&gt; &amp; &lt;!here&gt; &lt;@U123&gt; &lt;https://x|y&gt;',
    );
  });

  it('escapes & first so entities are not double-read', () => {
    expect(escapeText('&lt;')).toBe('&amp;lt;');
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(truncate('abc', 5)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
});
