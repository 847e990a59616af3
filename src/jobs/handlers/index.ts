import type { HandlerRegistry } from '../handler';
import { reconcile } from './reconcile';

/**
 * The handler of each job kind. To add one, write `src/jobs/handlers/<kind>.ts` exporting a `JobHandler<'<kind>'>`
 * and list it here; a kind without a handler is logged and dropped by the worker.
 */
export const HANDLERS: HandlerRegistry = {
  reconcile,
};
