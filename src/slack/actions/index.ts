import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { APPROVE_ACTION, REJECT_ACTION } from '../blocks/approval-card';
import { REPAVE_APPROVE_ACTION } from '../blocks/care';
import { DAY2_NOW_ACTION, PATCH_NOW_ACTION } from '../blocks/day2';
import { APPROVE_EXTENSION_ACTION, REJECT_EXTENSION_ACTION } from '../blocks/extension';
import { FORCE_DELETE_ACTION } from '../blocks/force-delete';
import { HOME_REFRESH_ACTION } from '../blocks/home';
import { KUBECONFIG_ACTION } from '../blocks/kubeconfig';
import { LEASE_DELETE_ACTION, LEASE_EXTEND_ACTION } from '../blocks/lease';
import { approveClicked } from './approve';
import { day2NowClicked } from './day2-now';
import { extensionDecisionClicked } from './extension';
import { forceDeleteClicked } from './force-delete';
import { homeRefreshClicked } from './home';
import { kubeconfigClicked } from './kubeconfig';
import { leaseDeleteClicked, leaseExtendClicked } from './lease';
import { acknowledgeLink, LINK_ACTION } from './link';
import { patchNowClicked } from './patch-now';
import { rejectClicked } from './reject';
import { repaveApproveClicked } from './repave-approve';
import { registerWizardActions } from './wizard';

/** Registers block action listeners (buttons, selects, overflow menus). Add one: its file here, one line below. */
export function registerActions(app: App, deps: Deps): void {
  app.action(LINK_ACTION, acknowledgeLink);
  app.action(APPROVE_ACTION, approveClicked(deps));
  app.action(REJECT_ACTION, rejectClicked(deps));
  app.action(FORCE_DELETE_ACTION, forceDeleteClicked(deps));
  app.action(HOME_REFRESH_ACTION, homeRefreshClicked(deps));
  app.action(KUBECONFIG_ACTION, kubeconfigClicked(deps));
  app.action(REPAVE_APPROVE_ACTION, repaveApproveClicked(deps));
  app.action(new RegExp(`^${LEASE_EXTEND_ACTION}-\\d+$`), leaseExtendClicked(deps));
  app.action(LEASE_DELETE_ACTION, leaseDeleteClicked(deps));
  app.action(APPROVE_EXTENSION_ACTION, extensionDecisionClicked(deps, 'approve'));
  app.action(REJECT_EXTENSION_ACTION, extensionDecisionClicked(deps, 'reject'));
  app.action(DAY2_NOW_ACTION, day2NowClicked(deps));
  app.action(PATCH_NOW_ACTION, patchNowClicked(deps));
  registerWizardActions(app, deps);
}
