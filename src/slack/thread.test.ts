import { Logger } from '@aws-lambda-powertools/logger';
import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { permalinkOf } from './thread';

const logger = new Logger({ logLevel: 'SILENT' });

/** A Slack client whose permalink lookups are counted; each fails while `failing` says so. */
function countingSlack(failing: () => boolean) {
  const asked: string[] = [];
  const slack = {
    chat: {
      getPermalink: async ({ channel, message_ts }: { channel: string; message_ts: string }) => {
        asked.push(`${channel}:${message_ts}`);
        if (failing()) throw new Error('ratelimited');
        return { ok: true, permalink: `https://slack.test/${channel}/p${message_ts}` };
      },
    },
  } as unknown as WebClient;
  return { slack, asked };
}

describe('permalinkOf', () => {
  it('asks Slack once per message', async () => {
    const { slack, asked } = countingSlack(() => false);
    const deps = { slack, logger };
    const link = 'https://slack.test/C1/p1.000';
    expect(await permalinkOf(deps, { channel: 'C1', ts: '1.000' })).toBe(link);
    expect(await permalinkOf(deps, { channel: 'C1', ts: '1.000' })).toBe(link);
    expect(await permalinkOf(deps, { channel: 'C1', ts: '2.000' })).toBe('https://slack.test/C1/p2.000');
    expect(asked).toEqual(['C1:1.000', 'C1:2.000']);
  });

  it('does not remember a failure: the next refresh asks again', async () => {
    let fail = true;
    const { slack, asked } = countingSlack(() => fail);
    const deps = { slack, logger };
    expect(await permalinkOf(deps, { channel: 'C1', ts: '1.000' })).toBeUndefined();
    fail = false;
    expect(await permalinkOf(deps, { channel: 'C1', ts: '1.000' })).toBe('https://slack.test/C1/p1.000');
    expect(asked).toHaveLength(2);
  });
});
