import type { Button } from '@slack/types';
import type { Config } from '../../config';
import type { ClusterRecord } from '../../domain/cluster';
import { escapeText } from '../../domain/text';
import { formatUtc } from '../../domain/time';
import type { BotMessage } from '../thread';
import { type Answer, noticeAnswer } from './answers';
import { link, recordConsoleLink } from './cluster-facts';

/** The action id of the "Get kubeconfig" button (on the Running notice). */
export const KUBECONFIG_ACTION = 'kubeconfig';

/** The "Get kubeconfig" button: the click is decided like `/maas kubeconfig NAME`. */
export function kubeconfigButton(record: Pick<ClusterRecord, 'id'>): Button {
  return {
    type: 'button',
    action_id: KUBECONFIG_ACTION,
    value: record.id,
    text: { type: 'plain_text', text: 'Get kubeconfig' },
  };
}

type Linked = Pick<ClusterRecord, 'name' | 'paletteUid' | 'team' | 'paletteProjectUid'>;

/** The cluster's page in Palette as a link, or a plain mention of Palette when there is no uid. */
function consoleRef(config: Config, record: Linked, label: string): string {
  const url = recordConsoleLink(config, record);
  return url ? link(url, label) : 'Palette';
}

/** What an admin also reads: the admin kubeconfig is never sent through Slack. */
function adminNote(config: Config, record: Linked): string {
  return `\nThe *admin* kubeconfig is never sent through Slack: download it from ${consoleRef(config, record, 'the cluster in Palette')} (Overview → Admin Kubeconfig File).`;
}

/** The answer to a kubeconfig request: it is on its way in a DM (or, with `link` delivery, where to get it). */
export function kubeconfigAnswer(config: Config, record: Linked, isAdmin: boolean): Answer {
  const name = `*${escapeText(record.name)}*`;
  const admin = isAdmin ? adminNote(config, record) : '';
  if (config.kubeconfigDelivery === 'link')
    return noticeAnswer(
      `:key: Get your kubeconfig of ${name} from ${consoleRef(config, record, 'its page in Palette')} (Overview → Kubeconfig File): this workspace does not send kubeconfig files through Slack.${admin}`,
    );
  return noticeAnswer(
    `:inbox_tray: Your kubeconfig of ${name} is on its way to you in a DM from me.${admin}`,
  );
}

/** The DM's words beside the file: what it is, that it is personal, when it was issued. */
export function kubeconfigComment(record: Pick<ClusterRecord, 'name'>, issuedAt: Date): string {
  return [
    `:key: Your kubeconfig of *${escapeText(record.name)}*, issued ${formatUtc(issuedAt, issuedAt)} (${issuedAt.toISOString()}).`,
    'It is personal: it signs you in as yourself through Palette (OIDC, via the Spectro Proxy) — do not share it or paste it in a channel.',
    'Use it with `kubectl --kubeconfig <file> get nodes` (the first use opens a browser to sign in).',
  ].join('\n');
}

/** The file's name in the DM. */
export function kubeconfigFilename(record: Pick<ClusterRecord, 'name'>): string {
  return `${record.name}.kubeconfig.yaml`;
}

/** Said in the DM when the kubeconfig could not be sent after all (the cluster left RUNNING meanwhile). */
export function kubeconfigNotSent(record: Pick<ClusterRecord, 'name'>, reason: string): BotMessage {
  return noticeAnswer(`:no_entry: I did not send the kubeconfig of *${escapeText(record.name)}*: ${reason}`);
}
