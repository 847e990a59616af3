import type { HandlerRegistry } from '../handler';
import { create } from './create';
import { day2Follow } from './day2-follow';
import { day2Start } from './day2-start';
import { decision } from './decision';
import { deleteJob } from './delete';
import { expire } from './expire';
import { extensionJob } from './extension';
import { forceDeleteJob } from './force-delete';
import { forceDeleteWindow } from './force-delete-window';
import { homeJob } from './home';
import { kubeconfigJob } from './kubeconfig';
import { leaseJob } from './lease';
import { poll } from './poll';
import { reconcile } from './reconcile';
import { repaveJob } from './repave';
import { review } from './review';
import { reviewDraft } from './review-draft';
import { scaleJob } from './scale';
import { summaries } from './summaries';

/**
 * The handler of each job kind. To add one, write `src/jobs/handlers/<kind>.ts` exporting a `JobHandler<'<kind>'>`
 * and list it here; a kind without a handler is logged and dropped by the worker.
 */
export const HANDLERS: HandlerRegistry = {
  reconcile,
  'review-draft': reviewDraft,
  review,
  decision,
  create,
  poll,
  expire,
  delete: deleteJob,
  'force-delete-window': forceDeleteWindow,
  'force-delete': forceDeleteJob,
  scale: scaleJob,
  'day2-start': day2Start,
  'day2-follow': day2Follow,
  home: homeJob,
  kubeconfig: kubeconfigJob,
  repave: repaveJob,
  lease: leaseJob,
  extension: extensionJob,
  summaries,
};
