import { Hono } from 'hono';
import { readBody } from '../body';
import { profileSummaryView } from '../catalog-views';
import { overviewView, searchable, summaryView } from '../cluster-views';
import { notFound, refuse } from '../errors';
import { operation } from '../middleware';
import { page, pageRequest } from '../paging';
import type { SimRuntime } from '../runtime';
import { type ProfilesFilterBody, ProfilesFilterSchema, SearchSchema } from '../schemas';
import { matchesSearch, searchProblem, sortSearch } from '../search';
import type { SeedProfile } from '../seed';

type NameFilter = NonNullable<NonNullable<ProfilesFilterBody['filter']>['profileName']>;

function nameMatches(name: string, filter: NameFilter | undefined): boolean {
  if (!filter) return true;
  const fold = (text: string) => (filter.ignoreCase === false ? text : text.toLowerCase());
  const subject = fold(name);
  if (filter.eq != null && subject !== fold(filter.eq)) return false;
  if (filter.ne != null && subject === fold(filter.ne)) return false;
  if (filter.contains != null && !subject.includes(fold(filter.contains))) return false;
  return filter.beginsWith == null || subject.startsWith(fold(filter.beginsWith));
}

function profileMatches(body: ProfilesFilterBody, profile: SeedProfile): boolean {
  const filter = body.filter ?? {};
  if (filter.environment?.length && !filter.environment.includes(profile.cloudType)) return false;
  if (filter.profileType?.length && !filter.profileType.includes(profile.type)) return false;
  return nameMatches(profile.name, filter.profileName);
}

const PROFILE_SORT: Record<string, (profile: SeedProfile) => string> = {
  profileName: (profile) => profile.name,
  environment: (profile) => profile.cloudType,
  profileType: (profile) => profile.type,
  creationTimestamp: (profile) => profile.createdAt,
  lastModifiedTimestamp: (profile) => profile.createdAt,
};

function sortProfiles(body: ProfilesFilterBody, profiles: SeedProfile[]): SeedProfile[] {
  const sort = body.sort?.[0];
  const key = PROFILE_SORT[sort?.field ?? 'profileName'] ?? PROFILE_SORT.profileName!;
  const sorted = [...profiles].sort((a, b) => key(a).localeCompare(key(b)));
  return sort?.order === 'desc' ? sorted.reverse() : sorted;
}

/** `/v1/dashboard`: cluster overview and search, the profiles list and its metadata. */
export function dashboardRoutes(sim: SimRuntime): Hono {
  const app = new Hono();

  app.get('/spectroclusters/:uid/overview', operation(sim, 'overview'), (c) => {
    const t = sim.now();
    const cluster = sim.store.get(c.req.param('uid'), t);
    if (!cluster) return refuse(c, notFound('SpectroCluster', c.req.param('uid')));
    return c.json(overviewView(sim, cluster, t), 200);
  });

  app.post('/spectroclusters/search', operation(sim, 'search'), async (c) => {
    const request = pageRequest(c.req.query());
    if ('status' in request) return refuse(c, request);
    const body = await readBody(c, sim, 'v1SearchFilterSummarySpec', SearchSchema, { optional: true });
    if (!body.ok) return body.response;
    const problem = searchProblem(body.value);
    if (problem) return refuse(c, { status: 400, code: 'InvalidRequest', message: problem });
    const t = sim.now();
    const rows = sim.store
      .visible(t)
      .map((cluster) => ({ ...searchable(cluster, t), cluster }))
      .filter((row) => matchesSearch(body.value, row));
    const { items, listmeta } = page(sortSearch(body.value, rows), request);
    return c.json({ items: items.map((row) => summaryView(sim, row.cluster, t)), listmeta }, 200);
  });

  app.post('/clusterprofiles', operation(sim, 'profiles'), async (c) => {
    const request = pageRequest(c.req.query());
    if ('status' in request) return refuse(c, request);
    const body = await readBody(c, sim, 'v1ClusterProfilesFilterSpec', ProfilesFilterSchema, {
      optional: true,
    });
    if (!body.ok) return body.response;
    const profiles = sortProfiles(
      body.value,
      sim.catalog.profiles.filter((profile) => profileMatches(body.value, profile)),
    );
    const { items, listmeta } = page(profiles, request);
    return c.json({ items: items.map(profileSummaryView), listmeta }, 200);
  });

  app.get('/clusterprofiles/metadata', operation(sim, 'profilesMetadata'), (c) =>
    c.json(
      {
        items: sim.catalog.profiles.map((profile) => ({
          metadata: { uid: profile.uid, name: profile.name },
          spec: { cloudType: profile.cloudType, version: profile.version },
        })),
      },
      200,
    ),
  );

  return app;
}
