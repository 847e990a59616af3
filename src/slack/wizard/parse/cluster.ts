import { type ClusterBasics, ClusterBasicsSchema, parseTags } from '../../../domain/spec';
import type { Form } from '../fields';
import { choiceIn, type Problems, textOf } from '../form';
import { type FieldsByPath, finish, type StepParse } from './issues';

/** Where each part of the cluster basics is typed on step 1. */
export const CLUSTER_PATHS: FieldsByPath = {
  name: 'name',
  description: 'description',
  tags: 'tags',
  profileUid: 'profile',
  profileName: 'profile',
  cloudAccountUid: 'account',
  cloudAccountName: 'account',
  domain: 'domain',
};

/** Step 1's form → the cluster basics (name, description, tags, profile, account, domain). */
export function parseClusterForm(form: Form): StepParse<ClusterBasics> {
  const problems: Problems = {};
  const tags = parseTags(textOf(form, 'tags'));
  if (!tags.ok) problems.tags = tags.message;
  const profile = choiceIn(form, 'profile');
  const account = choiceIn(form, 'account');
  const candidate = {
    name: textOf(form, 'name').trim(),
    description: textOf(form, 'description').trim(),
    tags: tags.ok ? tags.value : [],
    profileUid: profile?.value ?? '',
    ...(profile ? { profileName: profile.text } : {}),
    cloudAccountUid: account?.value ?? '',
    ...(account ? { cloudAccountName: account.text } : {}),
    domain: choiceIn(form, 'domain')?.value ?? '',
  };
  return finish(ClusterBasicsSchema, candidate, problems, CLUSTER_PATHS, 'name');
}
