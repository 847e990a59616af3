import { describe, expect, it } from 'vitest';
import { isSslCheck, parseSlackBody } from './parse';

const FORM = 'application/x-www-form-urlencoded';

describe('parseSlackBody', () => {
  it('reads a slash command as string fields, decoding + and %XX', () => {
    const parsed = parseSlackBody('command=%2Fmaas&text=create-cluster+team-a&user_id=U1', FORM);
    expect(parsed).toEqual({
      kind: 'body',
      body: { command: '/maas', text: 'create-cluster team-a', user_id: 'U1' },
    });
  });

  it('reads interactivity from the JSON in the payload field', () => {
    const payload = { type: 'block_actions', actions: [{ action_id: 'a' }] };
    const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect(parseSlackBody(raw, `${FORM}; charset=utf-8`)).toEqual({ kind: 'body', body: payload });
  });

  it('reads Events API JSON', () => {
    const event = { type: 'event_callback', event: { type: 'app_home_opened' } };
    expect(parseSlackBody(JSON.stringify(event), 'application/json')).toEqual({ kind: 'body', body: event });
  });

  it('recognises ssl_check first, ignoring a payload smuggled beside it', () => {
    const raw = `ssl_check=1&payload=${encodeURIComponent('{"type":"block_actions"}')}`;
    expect(parseSlackBody(raw, FORM)).toEqual({ kind: 'ssl_check' });
    expect(isSslCheck(raw, FORM)).toBe(true);
    expect(isSslCheck(raw, 'application/json')).toBe(false);
    expect(isSslCheck('ssl_check=0', FORM)).toBe(false);
  });

  it('reports bodies it cannot read instead of throwing', () => {
    expect(parseSlackBody('{not json', 'application/json').kind).toBe('malformed');
    expect(parseSlackBody('[1,2]', 'application/json').kind).toBe('malformed');
    expect(parseSlackBody('payload=%7Bbroken', FORM).kind).toBe('malformed');
  });

  it('refuses bodies that parse but are not Slack requests: empty, a form without command or payload, JSON without a type', () => {
    const notSlack: [string, string][] = [
      ['', FORM],
      ['', 'application/json'],
      ['text=help&user_id=U1', FORM],
      ['command=&text=help', FORM],
      ['{}', 'application/json'],
      ['{"event":{"type":"app_home_opened"}}', 'application/json'],
      ['{"type":42}', 'application/json'],
      ['{"type":""}', 'application/json'],
      [`payload=${encodeURIComponent('{"actions":[]}')}`, FORM],
    ];
    for (const [raw, contentType] of notSlack)
      expect(parseSlackBody(raw, contentType), `${contentType}: ${raw}`).toMatchObject({
        kind: 'malformed',
        problem: expect.any(String),
      });
  });
});
