import { describe, expect, it } from 'vitest';
import { parseClusterForm } from './cluster';

describe('parseClusterForm', () => {
  it('builds the basics with the names people saw', () => {
    const parsed = parseClusterForm({
      name: ' team-a ',
      tags: 'team:a, dev',
      profile: { value: 'p1', text: 'maas-k8s 1.0' },
      account: { value: 'a1', text: 'maas-lab' },
      domain: { value: 'maas.lab', text: 'maas.lab' },
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        name: 'team-a',
        description: '',
        tags: [{ key: 'team', value: 'a' }, { key: 'dev' }],
        profileUid: 'p1',
        profileName: 'maas-k8s 1.0',
        cloudAccountUid: 'a1',
        cloudAccountName: 'maas-lab',
        domain: 'maas.lab',
      },
    });
  });

  it('puts each domain message on its field', () => {
    const parsed = parseClusterForm({ name: 'Bad_Name', tags: 'a b' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.problems).sort()).toEqual(['account', 'domain', 'name', 'profile', 'tags']);
    expect(parsed.problems.profile).toBe('Choose a cluster profile.');
  });
});
