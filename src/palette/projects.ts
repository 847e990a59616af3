import type { Palette, PaletteProjects } from './port';

/** Palette per project, each project's client made by `make` once, on its first use. */
export function paletteProjects(make: (projectUid: string | undefined) => Palette): PaletteProjects {
  const clients = new Map<string, Palette>();
  return {
    forProject(projectUid) {
      const key = projectUid ?? '';
      let client = clients.get(key);
      if (!client) {
        client = make(projectUid);
        clients.set(key, client);
      }
      return client;
    },
  };
}
