import { retryingOnce } from '../once';
import type { PaletteProjects } from '../palette/port';
import { paletteProjects } from '../palette/projects';

/** An object whose every method returns a promise: the shape of the ports (store, jobs, scheduler, Palette, MAAS). */
export type AsyncPort<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * A port whose adapter is built on its first call: a request that never uses the port never loads the adapter's
 * module (and the part of the AWS SDK or undici it brings), which is what keeps a Lambda's cold start short. A
 * failed build is not remembered, so the next call tries again.
 */
export function lazyPort<T extends AsyncPort<T>>(build: () => Promise<T>): T {
  const adapter = retryingOnce(build);
  return new Proxy({} as T, {
    get: (_target, property) => {
      // Not a thenable (awaiting the port must not build it), and no symbol-keyed protocol methods.
      if (property === 'then' || typeof property === 'symbol') return undefined;
      return async (...args: unknown[]) => {
        const port: object = await adapter();
        return Reflect.apply(Reflect.get(port, property), port, args);
      };
    },
  });
}

/**
 * Palette per project, built on the first call of any project's client: one build (one connection pool, one
 * pacer) for every project, each project's client made once.
 */
export function lazyProjects(build: () => Promise<PaletteProjects>): PaletteProjects {
  const projects = retryingOnce(build);
  return paletteProjects((projectUid) => lazyPort(async () => (await projects()).forProject(projectUid)));
}
