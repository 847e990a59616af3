import { signSlackBody } from '../../src/http/verify';
import type { SlackEmulator } from '../../src/local/slack/emulator';
import { slashCommandBody } from '../../test/support/slack';
import { ACK_SIGNING_SECRET } from './env';

/** A request Slack would send, as autocannon replays it: body and signed headers. */
export interface SignedRequest {
  name: string;
  body: string;
  headers: Record<string, string>;
  /** Whether the answer is the one this request should get (checked once before the load). */
  answered(status: number, text: string): boolean;
}

/**
 * Signs the body once, now: Slack's signature covers the timestamp, and a run lasts far less than the 5-minute
 * window, so every replay of it verifies (neither server keeps a replay cache; Slack's own retries look the same).
 */
function signed(
  name: string,
  body: string,
  contentType: string,
  answered: SignedRequest['answered'],
): SignedRequest {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    name,
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signSlackBody(ACK_SIGNING_SECRET, timestamp, body),
    },
    answered,
  };
}

const FORM = 'application/x-www-form-urlencoded';

/** `/maas help` from a seeded person in #platform-requests: the router answers with the help, ephemeral. */
export function helpCommand(emulator: SlackEmulator): SignedRequest {
  const body = slashCommandBody({
    text: 'help',
    user: emulator.users.requester,
    channel: emulator.channels.requests,
  });
  return signed(
    '`/maas help`',
    body,
    FORM,
    (status, text) => status === 200 && text.includes('What `/maas` can do'),
  );
}

/** A click on a link button in a message: a block_actions whose listener only acks (empty 200). */
export function linkClick(emulator: SlackEmulator): SignedRequest {
  const payload = {
    type: 'block_actions',
    user: { id: emulator.users.requester, username: 'riley.chen', name: 'riley.chen', team_id: 'T0MAAS' },
    api_app_id: 'A0MAASBOT',
    token: 'emulator-verification-token',
    team: { id: 'T0MAAS', domain: 'maas-playground' },
    enterprise: null,
    is_enterprise_install: false,
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: emulator.channels.requests },
    trigger_id: '1.2.bench',
    channel: { id: emulator.channels.requests, name: 'platform-requests' },
    state: { values: {} },
    response_url: `${emulator.url}/response/bench`,
    actions: [
      {
        type: 'button',
        action_id: 'link:palette',
        block_id: 'links',
        text: { type: 'plain_text', text: 'Open in Palette' },
        action_ts: '1700000000.000200',
      },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signed('button ack (block_actions)', body, FORM, (status, text) => status === 200 && text === '');
}
