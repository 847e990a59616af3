import type { Logger } from '@aws-lambda-powertools/logger';
import { ErrorCode } from '@slack/web-api';
import { describe, expect, it, vi } from 'vitest';
import { openModal } from './modal';

const failure = {
  log: 'Could not open it',
  details: { kind: 'delete' },
  expired: 'Too late.',
  other: 'Try later.',
};

/** A failed Web API call as @slack/web-api throws it. */
const slackError = (code: string) =>
  Object.assign(new Error(code), { code: ErrorCode.PlatformError, data: { ok: false, error: code } });

describe('openModal', () => {
  it('answers nothing when the modal opened', async () => {
    const warn = vi.fn();
    const deps = { logger: { warn } as unknown as Logger };
    expect(await openModal(deps, async () => ({ ok: true }), failure)).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it('tells an expired trigger from other failures, and logs Slack’s code', async () => {
    const warn = vi.fn();
    const deps = { logger: { warn } as unknown as Logger };
    const expired = await openModal(deps, () => Promise.reject(slackError('expired_trigger_id')), failure);
    expect(expired?.text).toBe('Too late.');
    expect(warn).toHaveBeenLastCalledWith('Could not open it', {
      kind: 'delete',
      code: 'expired_trigger_id',
    });
    const offline = await openModal(deps, () => Promise.reject(new Error('socket hang up')), failure);
    expect(offline?.text).toBe('Try later.');
    expect(warn).toHaveBeenLastCalledWith('Could not open it', { kind: 'delete', code: 'network' });
  });
});
