import type { KnownBlock, ModalView } from '@slack/types';
import { parseSlackBody } from '../../src/http/parse';
import { type RunningServer, serveHttp } from '../../src/http/serve';
import type { SlackEmulator } from '../../src/local/slack/emulator';

type Payload = Record<string, unknown>;
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value = text) => ({ text: plain(text), value });

/** Text with everything mrkdwn can do, and text a person typed (escaped) that must stay text on the page. */
export const TRICKY_TEXT =
  '*Bold* _italic_ ~gone~ `code` <https://example.test/docs|the docs> <@U0APPROVER> &lt;b&gt;not bold&lt;/b&gt; &amp;amp; :white_check_mark:';

const PROFILES = ['edge-k8s', 'core-k8s', 'gpu-k8s'];
const LABELS = ['env:dev', 'env:prod', 'team:a'];

/** The gallery modal: every Block Kit element the bot uses, once. */
export function galleryView(extra: KnownBlock[] = []): ModalView {
  return {
    type: 'modal',
    callback_id: 'gallery',
    notify_on_close: true,
    title: plain('Block Kit gallery'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      { type: 'header', text: plain('Everything the bot draws') },
      {
        type: 'section',
        block_id: 'intro',
        text: { type: 'mrkdwn', text: TRICKY_TEXT },
        fields: [
          { type: 'mrkdwn', text: '*Pools*\n2' },
          { type: 'mrkdwn', text: '*Nodes*\n5' },
        ],
        accessory: {
          type: 'overflow',
          action_id: 'more',
          options: [option('Refresh', 'refresh'), option('Open in Palette', 'open')],
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: ':information_source: A context line' }] },
      { type: 'divider' },
      {
        type: 'input',
        block_id: 'name',
        label: plain('Name'),
        hint: plain('Lowercase letters, digits and "-".'),
        element: { type: 'plain_text_input', action_id: 'value', placeholder: plain('team-a-dev') },
      },
      {
        type: 'input',
        block_id: 'notes',
        optional: true,
        label: plain('Description'),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true },
      },
      {
        type: 'input',
        block_id: 'size',
        label: plain('Size'),
        element: {
          type: 'static_select',
          action_id: 'value',
          options: ['1', '3', '5'].map((n) => option(n)),
        },
      },
      {
        type: 'input',
        block_id: 'profile',
        label: plain('Cluster profile'),
        element: { type: 'external_select', action_id: 'profile', min_query_length: 1 },
      },
      {
        type: 'input',
        block_id: 'zones',
        label: plain('Availability zones'),
        element: {
          type: 'multi_static_select',
          action_id: 'value',
          options: ['az1', 'az2', 'az3'].map((zone) => option(zone)),
        },
      },
      {
        type: 'input',
        block_id: 'labels',
        optional: true,
        label: plain('Labels'),
        element: { type: 'multi_external_select', action_id: 'labels', min_query_length: 0 },
      },
      {
        type: 'input',
        block_id: 'worker',
        optional: true,
        label: plain('Allow worker capability'),
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: [{ text: { type: 'mrkdwn', text: '*Yes*, run workloads' }, value: 'yes' }],
        },
      },
      {
        type: 'input',
        block_id: 'rolling',
        label: plain('Rolling update'),
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options: [option('Expand first', 'expand'), option('Contract first', 'contract')],
          initial_option: option('Expand first', 'expand'),
        },
      },
      {
        type: 'input',
        block_id: 'disk',
        label: plain('Disk size'),
        element: {
          type: 'number_input',
          action_id: 'value',
          is_decimal_allowed: false,
          min_value: '20',
          max_value: '2000',
          initial_value: '60',
        },
      },
      {
        type: 'actions',
        block_id: 'buttons',
        elements: [
          { type: 'button', action_id: 'add-pool', text: plain('Add pool'), style: 'primary' },
          {
            type: 'button',
            action_id: 'remove-pool',
            text: plain('Remove pool'),
            style: 'danger',
            confirm: {
              title: plain('Remove the pool?'),
              text: { type: 'mrkdwn', text: 'Pool *workers* goes away.' },
              confirm: plain('Remove'),
              deny: plain('Keep it'),
              style: 'danger',
            },
          },
        ],
      },
      ...extra,
    ],
  };
}

const step = (callbackId: string, title: string, blocks: KnownBlock[], submit: string): ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  title: plain(title),
  submit: plain(submit),
  close: plain('Back'),
  blocks,
});

/** A stand-in bot on loopback: opens the gallery, posts messages, answers suggestions, and records every payload. */
export interface GalleryBot {
  url: string;
  /** Every interaction payload and event it received, oldest first. */
  received: Payload[];
  close(): Promise<void>;
}

/** Starts the stand-in bot and points the emulator at it. */
export async function startGalleryBot(slack: SlackEmulator, botToken: string): Promise<GalleryBot> {
  const received: Payload[] = [];
  const api = async (method: string, args: Payload): Promise<Payload> => {
    const response = await fetch(`${slack.apiUrl}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(args),
    });
    const answer = (await response.json()) as Payload;
    if (answer.ok !== true) throw new Error(`${method} failed: ${String(answer.error)}`);
    return answer;
  };

  const command = async (body: Payload): Promise<Response> => {
    if (body.text === 'gallery') {
      await api('views.open', { trigger_id: body.trigger_id, view: galleryView() });
      return new Response(null, { status: 200 });
    }
    await api('chat.postMessage', {
      channel: body.channel_id,
      text: TRICKY_TEXT,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: TRICKY_TEXT } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'approve',
              text: plain('Approve'),
              style: 'primary',
              confirm: {
                title: plain('Approve web-01?'),
                text: plain('It will be created in Palette.'),
                confirm: plain('Approve'),
                deny: plain('Cancel'),
              },
            },
          ],
        },
      ],
    });
    return Response.json({ response_type: 'ephemeral', text: 'Only you can see this: *posted*.' });
  };

  const interaction = async (payload: Payload): Promise<Response> => {
    const view = payload.view as Payload | undefined;
    const action = (payload.actions as Payload[] | undefined)?.[0];
    if (payload.type === 'block_suggestion') {
      const pool = payload.action_id === 'profile' ? PROFILES : LABELS;
      const query = String(payload.value);
      return Response.json({
        options: pool.filter((value) => value.includes(query)).map((value) => option(value)),
      });
    }
    if (payload.type === 'block_actions' && action?.action_id === 'add-pool' && view)
      await api('views.update', {
        view_id: view.id,
        hash: view.hash,
        view: galleryView([
          { type: 'section', block_id: 'pool-2', text: { type: 'mrkdwn', text: 'Pool *workers-2* added' } },
        ]),
      });
    if (payload.type === 'block_actions' && action?.action_id === 'approve') {
      const container = payload.container as Payload;
      await api('chat.postMessage', {
        channel: container.channel_id,
        thread_ts: container.message_ts,
        text: `Approved by <@${(payload.user as Payload).id}>`,
      });
    }
    if (payload.type === 'view_submission') {
      const values = ((view?.state as Payload | undefined)?.values ?? {}) as Record<
        string,
        Record<string, Payload>
      >;
      if (view?.callback_id === 'gallery' && values.name?.value?.value !== 'good-name')
        return Response.json({
          response_action: 'errors',
          errors: { name: 'Lowercase letters, digits and "-" only.' },
        });
      if (view?.callback_id === 'gallery')
        return Response.json({
          response_action: 'push',
          view: step(
            'reason',
            'Why?',
            [
              {
                type: 'input',
                block_id: 'reason',
                label: plain('Reason'),
                element: { type: 'plain_text_input', action_id: 'value' },
              },
            ],
            'Next',
          ),
        });
      if (view?.callback_id === 'reason')
        return Response.json({
          response_action: 'update',
          view: step(
            'done',
            'All set',
            [{ type: 'section', text: { type: 'mrkdwn', text: ':tada: *Saved.*' } }],
            'Finish',
          ),
        });
      return Response.json({ response_action: 'clear' });
    }
    return new Response(null, { status: 200 });
  };

  const event = async (envelope: Payload): Promise<Response> => {
    const event = envelope.event as Payload;
    if (event.type === 'app_home_opened')
      await api('views.publish', {
        user_id: event.user,
        view: {
          type: 'home',
          blocks: [
            { type: 'header', text: plain('Your clusters') },
            {
              type: 'section',
              text: { type: 'mrkdwn', text: `Welcome <@${String(event.user)}>: nothing yet.` },
            },
          ],
        },
      });
    return new Response(null, { status: 200 });
  };

  const server: RunningServer = await serveHttp(async (request) => {
    const parsed = parseSlackBody(await request.text(), request.headers.get('content-type'));
    if (parsed.kind !== 'body') return new Response(null, { status: 400 });
    const body = parsed.body;
    received.push(body);
    if (typeof body.command === 'string') return command(body);
    if (body.type === 'event_callback') return event(body);
    return interaction(body);
  });
  slack.setBotEventsUrl(server.url);
  return { url: server.url, received, close: () => server.close() };
}
