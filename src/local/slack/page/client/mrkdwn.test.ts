import { describe, expect, it } from 'vitest';
import { decodeEntities, parseInline, parseMrkdwn, withEmoji } from './mrkdwn';

describe('parseMrkdwn', () => {
  it('reads bold, italics, strike-through and code, nested where Slack nests them', () => {
    expect(parseInline('*Name:* _web-01_ ~old~ `kubectl get nodes`')).toEqual([
      { kind: 'bold', children: [{ kind: 'text', text: 'Name:' }] },
      { kind: 'text', text: ' ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'web-01' }] },
      { kind: 'text', text: ' ' },
      { kind: 'strike', children: [{ kind: 'text', text: 'old' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'kubectl get nodes' },
    ]);
    expect(parseInline('*see <https://x.test|docs>*')).toEqual([
      {
        kind: 'bold',
        children: [
          { kind: 'text', text: 'see ' },
          { kind: 'link', url: 'https://x.test', text: 'docs' },
        ],
      },
    ]);
  });

  it('leaves markers inside words and around spaces alone', () => {
    expect(parseInline('a*b*c and snake_case_name and * not bold *')).toEqual([
      { kind: 'text', text: 'a*b*c and snake_case_name and * not bold *' },
    ]);
  });

  it('reads links, user, channel and group mentions and special mentions', () => {
    expect(
      parseInline('<https://p.test/c/1|Open in Palette> <https://p.test> <@U0ADMIN> <@U1|riley>'),
    ).toEqual([
      { kind: 'link', url: 'https://p.test/c/1', text: 'Open in Palette' },
      { kind: 'text', text: ' ' },
      { kind: 'link', url: 'https://p.test', text: 'https://p.test' },
      { kind: 'text', text: ' ' },
      { kind: 'mention', target: 'user', id: 'U0ADMIN' },
      { kind: 'text', text: ' ' },
      { kind: 'mention', target: 'user', id: 'U1', label: 'riley' },
    ]);
    expect(parseInline('<#C0APPROVALS> <!subteam^S0APPROVERS|@cluster-approvers> <!here>')).toEqual([
      { kind: 'mention', target: 'channel', id: 'C0APPROVALS' },
      { kind: 'text', text: ' ' },
      { kind: 'mention', target: 'group', id: 'S0APPROVERS', label: '@cluster-approvers' },
      { kind: 'text', text: ' ' },
      { kind: 'mention', target: 'special', id: 'here' },
    ]);
  });

  it('never turns a javascript: or data: target into a link', () => {
    expect(parseInline('<javascript:alert(1)|click me>')).toEqual([{ kind: 'text', text: 'click me' }]);
    expect(parseInline('<data:text/html,x>')).toEqual([{ kind: 'text', text: 'data:text/html,x' }]);
  });

  it('shows escaped text people typed as text: entities decode, nothing becomes markup or a mention', () => {
    expect(parseInline('&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt; &lt;!channel&gt;')).toEqual([
      { kind: 'text', text: '<script>alert(1)</script> &lt; <!channel>' },
    ]);
    expect(decodeEntities('&amp;gt;')).toBe('&gt;');
  });

  it('keeps code blocks verbatim and groups quoted lines', () => {
    expect(parseMrkdwn('Values:\n```a: *b*\n<@U1>```\n> quoted *bold*\n> more\nafter')).toEqual([
      { kind: 'text', text: 'Values:' },
      { kind: 'br' },
      { kind: 'pre', text: 'a: *b*\n<@U1>' },
      {
        kind: 'quote',
        children: [
          { kind: 'text', text: 'quoted ' },
          { kind: 'bold', children: [{ kind: 'text', text: 'bold' }] },
          { kind: 'br' },
          { kind: 'text', text: 'more' },
        ],
      },
      { kind: 'text', text: 'after' },
    ]);
    expect(parseMrkdwn('&gt; escaped quote')).toEqual([
      { kind: 'quote', children: [{ kind: 'text', text: 'escaped quote' }] },
    ]);
  });

  it('shows an unclosed fence as text', () => {
    expect(parseMrkdwn('a ```b')).toEqual([{ kind: 'text', text: 'a ```b' }]);
  });

  it('draws known emoji and leaves unknown shortcodes and clock times as typed', () => {
    expect(parseInline(':white_check_mark: Running at 14:32:05 :no_such_emoji:')).toEqual([
      { kind: 'emoji', name: 'white_check_mark', char: '✅' },
      { kind: 'text', text: ' Running at 14' },
      { kind: 'text', text: ':32:' },
      { kind: 'text', text: '05 ' },
      { kind: 'text', text: ':no_such_emoji:' },
    ]);
    expect(withEmoji(':warning: careful :nope:')).toBe('⚠️ careful :nope:');
  });
});
