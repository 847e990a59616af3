import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { APPROVE_ACTION, REJECT_ACTION } from '../blocks/approval-card';
import { DAY2_NOW_ACTION, PATCH_NOW_ACTION } from '../blocks/day2';
import { FORCE_DELETE_ACTION } from '../blocks/force-delete';
import { HOME_REFRESH_ACTION } from '../blocks/home';
import { approveClicked } from './approve';
import { day2NowClicked } from './day2-now';
import { forceDeleteClicked } from './force-delete';
import { homeRefreshClicked } from './home';
import { acknowledgeLink, LINK_ACTION } from './link';
import { patchNowClicked } from './patch-now';
import { rejectClicked } from './reject';
import { registerWizardActions } from './wizard';

/** Registers block action listeners (buttons, selects, overflow menus). Add one: its file here, one line below. */
export function registerActions(app: App, deps: Deps): void {
  app.action(LINK_ACTION, acknowledgeLink);
  app.action(APPROVE_ACTION, approveClicked(deps));
  app.action(REJECT_ACTION, rejectClicked(deps));
  app.action(FORCE_DELETE_ACTION, forceDeleteClicked(deps));
  app.action(HOME_REFRESH_ACTION, homeRefreshClicked(deps));
  app.action(DAY2_NOW_ACTION, day2NowClicked(deps));
  app.action(PATCH_NOW_ACTION, patchNowClicked(deps));
  registerWizardActions(app, deps);
}
