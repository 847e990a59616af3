import {
  calicoValues,
  ciliumValues,
  gpuOperatorValues,
  kubernetesValues,
  metallbValues,
  prometheusValues,
  rookCephValues,
  ubuntuMaasValues,
} from './pack-values';

/** A kind of machine a MAAS account has, and how many are Ready in one zone and resource pool. */
export interface MachineShape {
  pool: string;
  zone: string;
  count: number;
  cpu: number;
  memMiB: number;
  diskGB: number;
  tags: string[];
}

/** A MAAS subnet as Palette lists it for an account. */
export interface SeedSubnet {
  id: number;
  name: string;
  space: string;
  vlan: { id: number; name: string; fabric: string };
}

/** A MAAS cloud account and what its MAAS holds. */
export interface SeedAccount {
  uid: string;
  name: string;
  apiEndpoint: string;
  createdAt: string;
  /** The gateway (overlord) that serves this account. */
  overlordUid: string;
  domains: string[];
  zones: { name: string; description: string }[];
  resourcePools: { name: string; description: string }[];
  subnets: SeedSubnet[];
  tags: { name: string; comment: string; definition: string }[];
  machines: MachineShape[];
  /** First two octets of the addresses MAAS gives this account's machines. */
  nodeNetwork: string;
}

/** A pack of a profile. */
export interface SeedPack {
  name: string;
  displayName: string;
  tag: string;
  layer: 'os' | 'k8s' | 'cni' | 'csi' | 'addon';
  addonType?: string;
  packUid: string;
  values: string;
}

/** A profile variable (v1Variable). */
export interface SeedVariable {
  name: string;
  displayName: string;
  description: string;
  format: 'string' | 'number' | 'boolean' | 'ipv4' | 'ipv4cidr';
  required: boolean;
  defaultValue: string;
  regex?: string;
}

/** A cluster profile. */
export interface SeedProfile {
  uid: string;
  name: string;
  description: string;
  version: string;
  /** Palette's cloudType, which the dashboard filter calls environment: maas, vsphere, edge-native, all. */
  cloudType: string;
  type: 'cluster' | 'infra' | 'add-on';
  createdAt: string;
  packs: SeedPack[];
  variables: SeedVariable[];
}

/** A Private Cloud Gateway (overlord) and the system cluster it runs on. */
export interface SeedGateway {
  uid: string;
  name: string;
  accountUid: string;
  clusterUid: string;
  nodes: number;
  /** Healthy gateways heartbeat every few seconds; an unhealthy one last did this long ago. */
  heartbeatAgeSeconds: number;
  healthy: boolean;
  ipAddress: string;
  createdAt: string;
}

/** Everything a fresh simulator knows besides clusters. */
export interface Catalog {
  accounts: SeedAccount[];
  profiles: SeedProfile[];
  gateways: SeedGateway[];
  registryUid: string;
  agentVersion: string;
}

/** The label that keeps a deletion in Deleting until it is force-deleted (a tag `sim.sticky-delete`). */
export const STICKY_DELETE_LABEL = 'sim.sticky-delete';
/** The label that keeps a cluster Provisioning forever (a tag `sim.stall`). */
export const STALL_LABEL = 'sim.stall';

const ZONES = [
  { name: 'az1', description: 'Rack row A, power feed 1' },
  { name: 'az2', description: 'Rack row B, power feed 2' },
  { name: 'az3', description: 'Rack row C, power feed 1+2' },
];

const RESOURCE_POOLS = [
  { name: 'default', description: 'Default pool' },
  { name: 'gpu', description: 'Servers with NVIDIA GPUs' },
  { name: 'storage', description: 'Servers with many NVMe disks for Ceph' },
];

const TAGS = [
  { name: 'virtual', comment: 'KVM pods (LXD VMs)', definition: '' },
  { name: 'gpu', comment: 'Has a GPU', definition: '//node[@class="display"]/vendor[contains(.,"NVIDIA")]' },
  { name: 'nvidia', comment: 'NVIDIA hardware', definition: '//node/vendor[contains(.,"NVIDIA")]' },
  {
    name: 'nvme',
    comment: 'NVMe disks',
    definition: '//node[@class="storage"]/logicalname[starts-with(.,"/dev/nvme")]',
  },
  { name: 'storage', comment: 'Many data disks', definition: '' },
  { name: '25gbe', comment: '25 GbE uplinks', definition: '//node[@class="network"]/size[.>="25000000000"]' },
];

/** Machines per zone for every zone, from one shape. */
function inEveryZone(shape: Omit<MachineShape, 'zone'>): MachineShape[] {
  return ZONES.map((zone) => ({ ...shape, zone: zone.name, tags: [...shape.tags] }));
}

function subnets(second: number, fabric: string): SeedSubnet[] {
  return [
    {
      id: second * 10 + 1,
      name: `10.${second}.0.0/20`,
      space: 'management',
      vlan: { id: 5001, name: 'untagged', fabric },
    },
    {
      id: second * 10 + 2,
      name: `10.${second}.16.0/20`,
      space: 'workload',
      vlan: { id: 5002, name: 'vlan-120', fabric },
    },
    {
      id: second * 10 + 3,
      name: `10.${second}.182.0/24`,
      space: 'ingress',
      vlan: { id: 5003, name: 'vlan-182', fabric },
    },
  ];
}

const LAB_ACCOUNT = '64f1c0a2b7e94d3a9c5e2f10';
const DC1_ACCOUNT = '64f1c0d9e3a24b7f8d61a0c7';
const LAB_GATEWAY = '65a0b1c2d3e4f5a6b7c8d9e0';
const DC1_GATEWAY = '65a0b1c2d3e4f5a6b7c8d9f1';
const REGISTRY = '5ee9c5adc172449eeb9c30cf';

const UBUNTU_22 = {
  name: 'ubuntu-maas',
  displayName: 'Ubuntu',
  tag: '22.04',
  layer: 'os',
  packUid: '6620a1b1c1d1e1f1a1b1c1d1',
} as const;
const UBUNTU_24 = {
  name: 'ubuntu-maas',
  displayName: 'Ubuntu',
  tag: '24.04',
  layer: 'os',
  packUid: '6620a1b1c1d1e1f1a1b1c1d2',
} as const;
const K8S_130 = {
  name: 'kubernetes',
  displayName: 'Palette eXtended Kubernetes',
  tag: '1.30.6',
  layer: 'k8s',
  packUid: '6620a2b2c2d2e2f2a2b2c2d1',
} as const;
const K8S_131 = {
  name: 'kubernetes',
  displayName: 'Palette eXtended Kubernetes',
  tag: '1.31.2',
  layer: 'k8s',
  packUid: '6620a2b2c2d2e2f2a2b2c2d2',
} as const;
const CALICO = {
  name: 'cni-calico',
  displayName: 'Calico',
  tag: '3.28.2',
  layer: 'cni',
  packUid: '6620a3b3c3d3e3f3a3b3c3d1',
} as const;
const CILIUM = {
  name: 'cni-cilium-oss',
  displayName: 'Cilium',
  tag: '1.16.3',
  layer: 'cni',
  packUid: '6620a3b3c3d3e3f3a3b3c3d2',
} as const;
const ROOK = {
  name: 'csi-rook-ceph',
  displayName: 'Rook-Ceph',
  tag: '1.14.9',
  layer: 'csi',
  packUid: '6620a4b4c4d4e4f4a4b4c4d1',
} as const;
const METALLB = {
  name: 'lb-metallb',
  displayName: 'MetalLB',
  tag: '0.14.8',
  layer: 'addon',
  addonType: 'load balancer',
  packUid: '6620a5b5c5d5e5f5a5b5c5d1',
} as const;

function metallbVariable(defaultRange: string): SeedVariable {
  return {
    name: 'metallb_addresses',
    displayName: 'MetalLB address range',
    description: 'Addresses handed to LoadBalancer services; outside the MAAS DHCP range',
    format: 'string',
    required: true,
    defaultValue: defaultRange,
    regex: '^\\d+\\.\\d+\\.\\d+\\.\\d+-\\d+\\.\\d+\\.\\d+\\.\\d+$',
  };
}

const NTP_VARIABLE: SeedVariable = {
  name: 'ntp_server',
  displayName: 'NTP server',
  description: 'Time source for the nodes (MAAS region controller by default)',
  format: 'string',
  required: false,
  defaultValue: 'ntp.ubuntu.com',
};

/** The catalog every simulator starts with: accounts, their MAAS inventory, profiles and gateways. */
export function seedCatalog(): Catalog {
  return {
    registryUid: REGISTRY,
    agentVersion: '4.8.12',
    accounts: [
      {
        uid: LAB_ACCOUNT,
        name: 'maas-lab',
        apiEndpoint: 'http://maas.lab.internal:5240/MAAS',
        createdAt: '2025-01-14T09:12:31.000Z',
        overlordUid: LAB_GATEWAY,
        domains: ['maas.lab', 'lab.internal'],
        zones: ZONES,
        resourcePools: RESOURCE_POOLS,
        subnets: subnets(10, 'fabric-lab'),
        tags: TAGS,
        nodeNetwork: '10.10',
        machines: [
          ...inEveryZone({
            pool: 'default',
            count: 6,
            cpu: 16,
            memMiB: 65_536,
            diskGB: 480,
            tags: ['25gbe'],
          }),
          ...inEveryZone({
            pool: 'default',
            count: 2,
            cpu: 8,
            memMiB: 32_768,
            diskGB: 240,
            tags: ['virtual'],
          }),
          {
            pool: 'gpu',
            zone: 'az1',
            count: 2,
            cpu: 32,
            memMiB: 262_144,
            diskGB: 1_920,
            tags: ['gpu', 'nvidia', 'nvme'],
          },
          {
            pool: 'gpu',
            zone: 'az2',
            count: 2,
            cpu: 32,
            memMiB: 262_144,
            diskGB: 1_920,
            tags: ['gpu', 'nvidia', 'nvme'],
          },
          ...inEveryZone({
            pool: 'storage',
            count: 2,
            cpu: 16,
            memMiB: 131_072,
            diskGB: 7_680,
            tags: ['storage', 'nvme'],
          }),
        ],
      },
      {
        uid: DC1_ACCOUNT,
        name: 'maas-dc1',
        apiEndpoint: 'https://maas.dc1.example.com/MAAS',
        createdAt: '2025-02-03T15:40:02.000Z',
        overlordUid: DC1_GATEWAY,
        domains: ['maas.dc1', 'dc1.internal'],
        zones: ZONES,
        resourcePools: RESOURCE_POOLS,
        subnets: subnets(20, 'fabric-dc1'),
        tags: TAGS,
        nodeNetwork: '10.20',
        machines: [
          ...inEveryZone({
            pool: 'default',
            count: 10,
            cpu: 32,
            memMiB: 131_072,
            diskGB: 960,
            tags: ['25gbe'],
          }),
          ...inEveryZone({
            pool: 'gpu',
            count: 3,
            cpu: 64,
            memMiB: 524_288,
            diskGB: 3_840,
            tags: ['gpu', 'nvidia', 'nvme'],
          }),
          ...inEveryZone({
            pool: 'storage',
            count: 4,
            cpu: 24,
            memMiB: 196_608,
            diskGB: 15_360,
            tags: ['storage', 'nvme'],
          }),
        ],
      },
    ],
    profiles: [
      {
        uid: '66b2f0a1c3d4e5f6a7b8c9d0',
        name: 'maas-ubuntu-k8s-calico',
        description: 'Ubuntu 22.04, Kubernetes 1.30, Calico, Rook-Ceph and MetalLB on bare metal',
        version: '1.2.0',
        cloudType: 'maas',
        type: 'cluster',
        createdAt: '2025-03-02T10:00:00.000Z',
        packs: [
          { ...UBUNTU_22, values: ubuntuMaasValues('22.04') },
          { ...K8S_130, values: kubernetesValues('1.30.6') },
          { ...CALICO, values: calicoValues() },
          { ...ROOK, values: rookCephValues() },
          { ...METALLB, values: metallbValues('{{.spectro.var.metallb_addresses}}') },
        ],
        variables: [metallbVariable('10.10.182.10-10.10.182.49'), NTP_VARIABLE],
      },
      {
        uid: '66b2f0a1c3d4e5f6a7b8c9d1',
        name: 'maas-ubuntu-k8s-cilium',
        description: 'Ubuntu 24.04, Kubernetes 1.31, Cilium, Rook-Ceph and MetalLB',
        version: '1.0.3',
        cloudType: 'maas',
        type: 'cluster',
        createdAt: '2025-04-18T08:30:00.000Z',
        packs: [
          { ...UBUNTU_24, values: ubuntuMaasValues('24.04') },
          { ...K8S_131, values: kubernetesValues('1.31.2') },
          { ...CILIUM, values: ciliumValues() },
          { ...ROOK, values: rookCephValues() },
          { ...METALLB, values: metallbValues('{{.spectro.var.metallb_addresses}}') },
        ],
        variables: [metallbVariable('10.20.182.10-10.20.182.99')],
      },
      {
        uid: '66b2f0a1c3d4e5f6a7b8c9d2',
        name: 'maas-gpu-ai',
        description:
          'GPU nodes for AI workloads: Kubernetes 1.30, Calico, Rook-Ceph and the NVIDIA GPU operator',
        version: '2.0.1',
        cloudType: 'maas',
        type: 'cluster',
        createdAt: '2025-05-07T13:15:00.000Z',
        packs: [
          { ...UBUNTU_22, values: ubuntuMaasValues('22.04') },
          { ...K8S_130, values: kubernetesValues('1.30.6') },
          { ...CALICO, values: calicoValues() },
          { ...ROOK, values: rookCephValues() },
          {
            name: 'nvidia-gpu-operator',
            displayName: 'NVIDIA GPU Operator',
            tag: '24.6.2',
            layer: 'addon',
            addonType: 'system app',
            packUid: '6620a6b6c6d6e6f6a6b6c6d1',
            values: gpuOperatorValues(),
          },
        ],
        variables: [NTP_VARIABLE],
      },
      {
        uid: '66b2f0a1c3d4e5f6a7b8c9d3',
        name: 'vsphere-ubuntu-k8s',
        description: 'VMware vSphere baseline (not for MAAS)',
        version: '3.1.0',
        cloudType: 'vsphere',
        type: 'cluster',
        createdAt: '2024-11-20T09:00:00.000Z',
        packs: [
          { ...K8S_130, values: kubernetesValues('1.30.6') },
          { ...CALICO, values: calicoValues() },
        ],
        variables: [],
      },
      {
        uid: '66b2f0a1c3d4e5f6a7b8c9d4',
        name: 'edge-retail',
        description: 'Edge native stores (not for MAAS)',
        version: '1.4.2',
        cloudType: 'edge-native',
        type: 'cluster',
        createdAt: '2024-12-01T12:00:00.000Z',
        packs: [{ ...K8S_131, values: kubernetesValues('1.31.2') }],
        variables: [],
      },
      {
        uid: '66b2f0a1c3d4e5f6a7b8c9d5',
        name: 'monitoring',
        description: 'Prometheus and Grafana for any cluster',
        version: '1.0.0',
        cloudType: 'all',
        type: 'add-on',
        createdAt: '2025-01-09T16:45:00.000Z',
        packs: [
          {
            name: 'prometheus-operator',
            displayName: 'Prometheus Operator',
            tag: '62.3.0',
            layer: 'addon',
            addonType: 'monitoring',
            packUid: '6620a7b7c7d7e7f7a7b7c7d1',
            values: prometheusValues(),
          },
        ],
        variables: [],
      },
    ],
    gateways: [
      {
        uid: LAB_GATEWAY,
        name: 'pcg-maas-lab',
        accountUid: LAB_ACCOUNT,
        clusterUid: '65a0b1c2d3e4f5a6b7c8da01',
        nodes: 3,
        heartbeatAgeSeconds: 12,
        healthy: true,
        ipAddress: '10.10.0.21',
        createdAt: '2025-01-14T08:55:10.000Z',
      },
      {
        uid: DC1_GATEWAY,
        name: 'pcg-maas-dc1',
        accountUid: DC1_ACCOUNT,
        clusterUid: '65a0b1c2d3e4f5a6b7c8da02',
        nodes: 1,
        heartbeatAgeSeconds: 5 * 3600 + 17 * 60,
        healthy: false,
        ipAddress: '10.20.0.21',
        createdAt: '2025-02-03T15:20:44.000Z',
      },
    ],
  };
}
