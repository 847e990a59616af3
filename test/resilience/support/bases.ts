import type { ClusterRecord } from '../../../src/domain/cluster';
import type { SlackEmulator } from '../../../src/local/slack/emulator';
import { APPROVE_ACTION, REJECT_ACTION } from '../../../src/slack/blocks/approval-card';
import {
  CONFIRM_NAME_ACTION,
  CONFIRM_NAME_BLOCK,
  DELETE_CONFIRM_CALLBACK_ID,
} from '../../../src/slack/blocks/delete';
import { fieldActionId, WIZARD_CALLBACK_ID } from '../../../src/slack/wizard/ids';
import { slashCommandBody } from '../../support/slack';
import { FORM, JSON_TYPE, payloadBody } from './signed';

/** A request Slack could send, before it is signed: a body and its content type. */
export interface BaseRequest {
  name: string;
  body: string;
  contentType: string;
}

/** The parts of a Slack interaction payload every surface carries. */
function common(slack: SlackEmulator, user: string) {
  return {
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0MAAS' },
    api_app_id: 'A0MAASBOT',
    token: 'emulator-verification-token',
    team: { id: 'T0MAAS', domain: 'maas-playground' },
    enterprise: null,
    is_enterprise_install: false,
    trigger_id: '1.2.resilience',
    response_url: `${slack.url}/response/resilience`,
  };
}

/** A modal as Slack sends it back in view payloads. */
function view(callbackId: string, privateMetadata: string, values: Record<string, unknown>) {
  return {
    id: 'V0RESILIENCE',
    team_id: 'T0MAAS',
    type: 'modal',
    callback_id: callbackId,
    private_metadata: privateMetadata,
    blocks: [],
    state: { values },
    hash: '1700000000.abcdef',
    title: { type: 'plain_text', text: 'Resilience' },
    app_id: 'A0MAASBOT',
    bot_id: 'B0MAASBOT',
  };
}

const command = (slack: SlackEmulator, user: string, text: string): BaseRequest => ({
  name: `/maas ${text}`,
  body: slashCommandBody({ text, user, channel: slack.channels.requests }),
  contentType: FORM,
});

const button = (
  slack: SlackEmulator,
  user: string,
  actionId: string,
  value: string,
  place: { channel: string; ts: string },
): BaseRequest => ({
  name: `click ${actionId}`,
  body: payloadBody({
    type: 'block_actions',
    ...common(slack, user),
    container: { type: 'message', message_ts: place.ts, channel_id: place.channel },
    channel: { id: place.channel, name: 'cluster-approvals' },
    message: { ts: place.ts, text: 'card', blocks: [] },
    state: { values: {} },
    actions: [
      { type: 'button', action_id: actionId, block_id: 'decision', value, action_ts: '1700000000.1' },
    ],
  }),
  contentType: FORM,
});

/**
 * Requests that change something when they are genuine: each opens a modal, reads or writes the store, calls
 * Palette or posts to Slack. Their tampered, stale, replayed and oversized copies must change nothing.
 */
export function effectfulRequests(
  slack: SlackEmulator,
  places: { pending: ClusterRecord; card: { channel: string; ts: string }; running: ClusterRecord },
): BaseRequest[] {
  const { users } = slack;
  return [
    command(slack, users.requester, 'create-cluster team-new'),
    command(slack, users.requester, `delete ${places.running.name}`),
    command(slack, users.requester, `status ${places.running.name}`),
    command(slack, users.requester, `scale ${places.running.name} worker-pool 3`),
    command(slack, users.admin, 'gateway pairing-code'),
    command(slack, users.outsider, 'list'),
    // Reject first: it opens the reason modal and leaves the request pending for the approval.
    button(slack, users.approver, REJECT_ACTION, places.pending.id, places.card),
    button(slack, users.approver, APPROVE_ACTION, places.pending.id, places.card),
    {
      name: 'app_home_opened',
      body: JSON.stringify({
        token: 'emulator-verification-token',
        team_id: 'T0MAAS',
        api_app_id: 'A0MAASBOT',
        type: 'event_callback',
        event_id: 'Ev0RESILIENCE',
        event_time: 1_700_000_000,
        event: { type: 'app_home_opened', user: users.approver, channel: 'D0APPROVER', tab: 'home' },
      }),
      contentType: JSON_TYPE,
    },
    {
      name: 'block_suggestion (profiles)',
      body: payloadBody({
        type: 'block_suggestion',
        ...common(slack, users.requester),
        action_id: fieldActionId('profile'),
        block_id: 'wz.b.profile',
        value: '',
        view: view(WIZARD_CALLBACK_ID, '', {}),
      }),
      contentType: FORM,
    },
    {
      name: 'view_submission (delete confirmed)',
      body: payloadBody({
        type: 'view_submission',
        ...common(slack, users.requester),
        view: view(
          DELETE_CONFIRM_CALLBACK_ID,
          JSON.stringify({ clusterId: places.running.id, kind: 'delete' }),
          {
            [CONFIRM_NAME_BLOCK]: {
              [CONFIRM_NAME_ACTION]: { type: 'plain_text_input', value: places.running.name },
            },
          },
        ),
      }),
      contentType: FORM,
    },
    {
      name: 'view_submission (wizard step)',
      body: payloadBody({
        type: 'view_submission',
        ...common(slack, users.requester),
        view: view(
          WIZARD_CALLBACK_ID,
          JSON.stringify({ d: 'draft-1', s: 'cluster', c: slack.channels.requests }),
          {},
        ),
      }),
      contentType: FORM,
    },
  ];
}
