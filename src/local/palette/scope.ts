import { AsyncLocalStorage } from 'node:async_hooks';

/** The project a request is scoped to (its `ProjectUid`, '' for tenant scope), for the code serving it. */
const requestProject = new AsyncLocalStorage<string>();

/** Runs `serve` for a request scoped to `project` ('' = tenant scope). */
export function inProject<T>(project: string, serve: () => T): T {
  return requestProject.run(project, serve);
}

/**
 * The project of the request being served, or undefined outside a request (tests, benchmarks and seeding see
 * every project).
 */
export function currentProject(): string | undefined {
  return requestProject.getStore();
}

/** Whether a cluster of `project` is visible to the request being served (a gateway's own cluster always is). */
export function visibleHere(cluster: { projectUid: string; system: boolean }): boolean {
  const project = currentProject();
  return project === undefined || cluster.system || cluster.projectUid === project;
}
