import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { BACKUP_POLICY_CALLBACK } from '../blocks/backup-policy';
import { DELETE_CONFIRM_CALLBACK_ID } from '../blocks/delete';
import { EXTENSION_REASON_CALLBACK } from '../blocks/extension';
import { OS_PATCH_CALLBACK } from '../blocks/os-patch';
import { REJECT_REASON_CALLBACK } from '../blocks/reject-reason';
import { SCAN_SCHEDULES_CALLBACK } from '../blocks/scan-schedules';
import { backupPolicySubmitted } from './backup-policy';
import { registerWizardViews } from './create-cluster';
import { deleteConfirmSubmitted } from './delete-confirm';
import { extensionReasonSubmitted } from './extension-reason';
import { osPatchSubmitted } from './os-patch';
import { rejectReasonSubmitted } from './reject-reason';
import { scanSchedulesSubmitted } from './scan-schedules';

/**
 * Registers modal listeners (`app.view(callbackId, …)` for view_submission and view_closed): the create-cluster
 * wizard's steps, and the confirmations other surfaces open.
 */
export function registerViews(app: App, deps: Deps): void {
  app.view(DELETE_CONFIRM_CALLBACK_ID, deleteConfirmSubmitted(deps));
  app.view(REJECT_REASON_CALLBACK, rejectReasonSubmitted(deps));
  app.view(BACKUP_POLICY_CALLBACK, backupPolicySubmitted(deps));
  app.view(SCAN_SCHEDULES_CALLBACK, scanSchedulesSubmitted(deps));
  app.view(OS_PATCH_CALLBACK, osPatchSubmitted(deps));
  app.view(EXTENSION_REASON_CALLBACK, extensionReasonSubmitted(deps));
  registerWizardViews(app, deps);
}
