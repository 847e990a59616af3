/** A MAAS machine, as the capacity check needs it. */
export interface MaasMachine {
  systemId: string;
  hostname: string;
  /** MAAS status name: Ready, Allocated, Deployed, … */
  status: string;
  zone: string;
  pool: string;
  cpuCount: number;
  /** Memory in MiB. */
  memory: number;
  tags: string[];
}

/** Direct MAAS access (optional): machines, zones and resource pools. */
export interface Maas {
  machines(): Promise<MaasMachine[]>;
  zones(): Promise<string[]>;
  resourcePools(): Promise<string[]>;
}
