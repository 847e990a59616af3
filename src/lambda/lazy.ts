import { retryingOnce } from '../once';

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
