import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { teamPalette, useStack } from '../support/stack';
import { type SimCatalog, shownText, simCatalog, WizardDriver } from './wizard.support';

const stack = useStack();
let catalog: SimCatalog;
const driver = () => new WizardDriver(stack(), catalog, stack().slack!.users.requester);
const values = (result: { options: { value: string }[] }) => result.options.map((option) => option.value);

beforeAll(async () => {
  catalog = await simCatalog(stack());
});
afterEach(() => stack().palette!.setFaults({}));

describe("step 1's external selects", () => {
  it('profile: every MAAS profile from Palette, filtered by what is typed', async () => {
    const wizard = driver();
    await wizard.open();
    const profiles = await teamPalette(stack()).listMaasProfiles();
    const all = await wizard.suggest('profile');
    expect(all).toMatchObject({ status: 200, sent: true });
    expect(values(all)).toEqual(profiles.map((profile) => profile.uid));
    expect(all.options[0]!.text.text).toContain(profiles[0]!.name);
    const cilium = profiles.filter((profile) => profile.name.includes('cilium'));
    expect(values(await wizard.suggest('profile', 'CILIUM'))).toEqual(cilium.map((profile) => profile.uid));
  });

  it('cloud account: every MAAS account', async () => {
    const wizard = driver();
    await wizard.open();
    expect(values(await wizard.suggest('account'))).toEqual([catalog.account.uid, catalog.otherAccount.uid]);
  });

  it('domain: nothing before an account is chosen, then that account’s domains', async () => {
    const wizard = driver();
    await wizard.open();
    expect(await wizard.suggest('domain')).toMatchObject({ status: 200, sent: true, options: [] });
    await wizard.pickAccount(catalog.otherAccount);
    expect(values(await wizard.suggest('domain'))).toEqual(catalog.otherDomains);
    expect(values(await wizard.suggest('domain', catalog.otherDomains[1]!))).toEqual([
      catalog.otherDomains[1],
    ]);
  });

  it('reuses Palette’s answer for a minute instead of asking again', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.suggest('account');
    const before = stack().palette!.counters().byOperation.accounts ?? 0;
    await wizard.suggest('account', 'lab');
    await wizard.suggest('account');
    expect(stack().palette!.counters().byOperation.accounts ?? 0).toBe(before);
  });
});

describe("the pools' external selects (they depend on the account from step 1)", () => {
  it('availability zones, resource pools and MAAS machine tags of the chosen account', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster();
    expect(wizard.meta().step).toBe('control-plane');
    expect(values(await wizard.suggest('azs'))).toEqual(catalog.zones);
    expect(values(await wizard.suggest('azs', catalog.zones[1]!))).toEqual([catalog.zones[1]]);
    expect(values(await wizard.suggest('resourcePool'))).toEqual(catalog.resourcePools);
    expect(values(await wizard.suggest('machineTags'))).toEqual(catalog.machineTags);
    await wizard.controlPlane();
    expect(wizard.meta().step).toBe('workers');
    expect(values(await wizard.suggest('resourcePool'))).toEqual(catalog.resourcePools);
  });

  it('answers an empty list when Palette fails, and asks again next time', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster({}, { other: true });
    stack().palette!.injectOnce('GET', '/v1/cloudaccounts/maas/:uid/properties/resourcePools', {
      status: 403,
      body: { code: 'Forbidden', message: 'not allowed' },
    });
    expect(await wizard.suggest('resourcePool')).toMatchObject({ status: 200, sent: true, options: [] });
    const pools = await teamPalette(stack()).accountResourcePools(catalog.otherAccount.uid);
    expect(values(await wizard.suggest('resourcePool'))).toEqual(pools);
  });

  it('answers within Slack’s window when Palette is slow (an empty list, not a timeout)', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster({}, { other: true });
    stack().palette!.setFaults({ latencyMs: 2_600 });
    const slow = await wizard.suggest('machineTags');
    expect(slow.error).toBeUndefined();
    expect(slow).toMatchObject({ status: 200, sent: true, options: [] });
  });

  it('lets the person go on with the profile’s values when Palette does not list its packs', async () => {
    const profiles = await teamPalette(stack()).listMaasProfiles();
    const unused = profiles.at(-1)!;
    const wizard = driver();
    await wizard.open();
    await wizard.cluster({ profile: { value: unused.uid, text: unused.name } });
    await wizard.controlPlane();
    stack().palette!.injectOnce('GET', `/v1/clusterprofiles/${unused.uid}/packs`, {
      status: 403,
      body: { code: 'Forbidden', message: 'not allowed' },
    });
    expect((await wizard.workers()).outcome).toBe('updated');
    expect(wizard.meta().step).toBe('packs');
    expect(shownText(wizard.front())).toContain('did not list the profile’s packs in time');
    expect((await wizard.submit()).outcome).toBe('updated');
    expect(wizard.meta().step).toBe('review');
  });
});
