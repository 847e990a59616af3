import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { APPROVE_ACTION, REJECT_ACTION } from '../blocks/approval-card';
import { REPAVE_APPROVE_ACTION } from '../blocks/care';
import { FORCE_DELETE_ACTION } from '../blocks/force-delete';
import { HOME_REFRESH_ACTION } from '../blocks/home';
import { KUBECONFIG_ACTION } from '../blocks/kubeconfig';
import { approveClicked } from './approve';
import { forceDeleteClicked } from './force-delete';
import { homeRefreshClicked } from './home';
import { kubeconfigClicked } from './kubeconfig';
import { acknowledgeLink, LINK_ACTION } from './link';
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
  registerWizardActions(app, deps);
}
