import type { Day2Feature } from '../domain/day2';

/**
 * Work done after Slack has its answer: each job carries ids only, and its handler reads the record and acts only
 * if the state still calls for it, so a duplicate or late job is harmless.
 */
export type Job =
  /** The wizard's review step: Palette dry-run, cost estimate and MAAS capacity for a draft, shown in its view. */
  | { kind: 'review-draft'; draftId: string; viewId: string }
  /** After a request is submitted: Palette dry-run, cost estimate, MAAS capacity, then the approval card. */
  | { kind: 'review'; clusterId: string }
  /** After an approval, a rejection or an expiry: update the card and tell the requester's thread. */
  | { kind: 'decision'; clusterId: string }
  /** Send an approved request to Palette (or adopt the cluster a previous try created). */
  | { kind: 'create'; clusterId: string }
  /** Read progress from Palette and post what changed to the thread (provisioning or deleting). */
  | { kind: 'poll'; clusterId: string }
  /** Expire a request nobody answered. */
  | { kind: 'expire'; clusterId: string }
  /** Send Palette's normal delete for a cluster that entered DELETING (a delete or an abort). */
  | { kind: 'delete'; clusterId: string }
  /** The force-delete window has opened: post the notice if the cluster is still deleting. */
  | { kind: 'force-delete-window'; clusterId: string }
  /** Send Palette's force delete, requested by an admin. */
  | { kind: 'force-delete'; clusterId: string }
  /** Resize one pool through the cloud config. */
  | { kind: 'scale'; clusterId: string; pool: string; size: number; by: string }
  /** Ask Palette for the on-demand backup or scan claimed on the record (`day2[feature].running`). */
  | { kind: 'day2-start'; clusterId: string; feature: Day2Feature }
  /** Look at a followed backup or scan again (`attempt` sets the back-off); report its end in the thread once. */
  | { kind: 'day2-follow'; clusterId: string; feature: Day2Feature; attempt: number }
  /** The lease's schedule fired: send the reminder that is due, or delete the cluster at the lease's end. */
  | { kind: 'lease'; clusterId: string }
  /** An extension beyond the maximum was asked for or decided: its card and the thread show it. */
  | { kind: 'extension'; clusterId: string }
  /** Re-publish a user's App Home tab (with the answer to a click made on it, when there is one). */
  | { kind: 'home'; userId: string; notice?: string }
  /** Send a person the users' kubeconfig of a running cluster as a file in a DM (once per request). */
  | { kind: 'kubeconfig'; clusterId: string; userId: string; requestId: string }
  /** After an approval of Palette's repave: the PATCH once the quorum is met, then the cards and the thread. */
  | { kind: 'repave'; clusterId: string }
  /** Redraw the status message, card and request message from the record (edits Slack's budget had no room for). */
  | { kind: 'summaries'; clusterId: string }
  /** Sweep the active clusters: re-dispatch stuck work, notice changes made outside the bot. */
  | { kind: 'reconcile' };

export type JobKind = Job['kind'];

/** The cluster a job is about, if any (for logs and schedule names). */
export function jobClusterId(job: Job): string | undefined {
  return 'clusterId' in job ? job.clusterId : undefined;
}
