/** Where the playground's servers listen, beside the bot's PORT: stable, so links to them survive a restart. */
export interface PlaygroundPorts {
  /** The Slack workspace page. */
  page: number;
  /** The Palette simulator ("Open in Palette" links point at it). */
  palette: number;
  /** The MAAS simulator. */
  maas: number;
}

/** How far above PORT each server listens. */
export const PORT_OFFSETS = { page: 1, palette: 2, maas: 3 } as const;

/** The highest PORT that leaves room for the servers above it. */
export const MAX_BOT_PORT = 65_535 - PORT_OFFSETS.maas;

/**
 * The playground's ports: the page on PORT+1 (unless PLAYGROUND_PORT says otherwise), the Palette simulator on
 * PORT+2 and the MAAS simulator on PORT+3; with PORT=0 (tests) each takes any free port.
 */
export function playgroundPorts(port: number, pagePort?: number): PlaygroundPorts {
  const beside = (offset: number) => (port === 0 ? 0 : port + offset);
  return {
    page: pagePort ?? beside(PORT_OFFSETS.page),
    palette: beside(PORT_OFFSETS.palette),
    maas: beside(PORT_OFFSETS.maas),
  };
}
