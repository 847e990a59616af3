import { iso } from '../clock';
import type { ClusterRecord } from '../model';

/**
 * What a finished scan reports, shaped like Palette's driver logs: kube-bench's CIS checks per target, kube-hunter's
 * findings with their severities, sonobuoy's conformance plugins. The same cluster always reports the same, so a
 * test can read the report and compare the bot's summary with it.
 */

type BenchState = 'PASS' | 'FAIL' | 'WARN' | 'INFO';

interface BenchCheck {
  testId: string;
  description: string;
  state: BenchState;
  remediation: string;
}

/** CIS Kubernetes Benchmark checks, by kube-bench target, with the state a fresh Palette cluster gets. */
const BENCH_CHECKS: Record<string, readonly BenchCheck[]> = {
  master: [
    {
      testId: '1.1.1',
      description:
        'Ensure that the API server pod specification file permissions are set to 600 or more restrictive',
      state: 'PASS',
      remediation: 'chmod 600 /etc/kubernetes/manifests/kube-apiserver.yaml',
    },
    {
      testId: '1.1.12',
      description: 'Ensure that the etcd data directory ownership is set to etcd:etcd',
      state: 'FAIL',
      remediation:
        'On the etcd server node, get the etcd data directory from the --data-dir argument and run chown etcd:etcd on it (for example chown etcd:etcd /var/lib/etcd).',
    },
    {
      testId: '1.2.1',
      description: 'Ensure that the --anonymous-auth argument is set to false',
      state: 'WARN',
      remediation: 'Edit the API server pod specification file and set --anonymous-auth=false.',
    },
    {
      testId: '1.2.16',
      description: 'Ensure that the --profiling argument is set to false',
      state: 'FAIL',
      remediation:
        'Edit the API server pod specification file /etc/kubernetes/manifests/kube-apiserver.yaml on the control plane node and set --profiling=false.',
    },
    {
      testId: '1.2.18',
      description: 'Ensure that the --audit-log-path argument is set',
      state: 'FAIL',
      remediation:
        'Edit the API server pod specification file and set --audit-log-path to a file where audit logs are written, for example --audit-log-path=/var/log/apiserver/audit.log.',
    },
    {
      testId: '1.2.22',
      description: 'Ensure that the --request-timeout argument is set as appropriate',
      state: 'INFO',
      remediation: 'Edit the API server pod specification file and set --request-timeout only if needed.',
    },
    {
      testId: '1.3.2',
      description: 'Ensure that the --profiling argument is set to false (controller manager)',
      state: 'PASS',
      remediation: 'Set --profiling=false in /etc/kubernetes/manifests/kube-controller-manager.yaml.',
    },
    {
      testId: '1.4.1',
      description: 'Ensure that the --profiling argument is set to false (scheduler)',
      state: 'FAIL',
      remediation: 'Edit /etc/kubernetes/manifests/kube-scheduler.yaml and set --profiling=false.',
    },
  ],
  etcd: [
    {
      testId: '2.1',
      description: 'Ensure that the --cert-file and --key-file arguments are set as appropriate',
      state: 'PASS',
      remediation: 'Follow the etcd service documentation and configure TLS encryption.',
    },
    {
      testId: '2.2',
      description: 'Ensure that the --client-cert-auth argument is set to true',
      state: 'PASS',
      remediation: 'Set --client-cert-auth=true in /etc/kubernetes/manifests/etcd.yaml.',
    },
  ],
  node: [
    {
      testId: '4.1.1',
      description: 'Ensure that the kubelet service file permissions are set to 600 or more restrictive',
      state: 'PASS',
      remediation: 'chmod 600 /etc/systemd/system/kubelet.service.d/10-kubeadm.conf',
    },
    {
      testId: '4.2.6',
      description: 'Ensure that the --protect-kernel-defaults argument is set to true',
      state: 'FAIL',
      remediation:
        'Set protectKernelDefaults: true in the kubelet config file /var/lib/kubelet/config.yaml and restart the kubelet.',
    },
    {
      testId: '4.2.10',
      description:
        'Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate',
      state: 'WARN',
      remediation: 'Set tlsCertFile and tlsPrivateKeyFile in the kubelet config file.',
    },
    {
      testId: '4.2.13',
      description: 'Ensure that a limit is set on pod PIDs',
      state: 'FAIL',
      remediation: 'Set podPidsLimit in the kubelet config file, for example podPidsLimit: 4096.',
    },
  ],
  policies: [
    {
      testId: '5.1.1',
      description: 'Ensure that the cluster-admin role is only used where required',
      state: 'WARN',
      remediation: 'Identify all clusterrolebindings to the cluster-admin role and remove the unneeded ones.',
    },
    {
      testId: '5.2.2',
      description: 'Minimize the admission of privileged containers',
      state: 'FAIL',
      remediation:
        'Add policies to each namespace in the cluster which has user workloads to restrict privileged pods.',
    },
    {
      testId: '5.7.4',
      description: 'The default namespace should not be used',
      state: 'INFO',
      remediation: 'Create namespaces for workloads and keep the default namespace empty.',
    },
  ],
};

/** `v1KubeBenchReport`s by target, counts taken from the checks. */
export function kubeBenchReports(at: number) {
  return Object.fromEntries(
    Object.entries(BENCH_CHECKS).map(([target, checks]) => {
      const count = (state: BenchState) => checks.filter((check) => check.state === state).length;
      return [
        target,
        {
          name: target,
          type: target,
          time: iso(at),
          pass: count('PASS'),
          fail: count('FAIL'),
          warn: count('WARN'),
          info: count('INFO'),
          logs: checks.map((check) => ({
            testId: check.testId,
            description: check.description,
            state: check.state,
            remediation: check.remediation,
            expected: '',
            value: '',
          })),
        },
      ];
    }),
  );
}

type Severity = 'high' | 'medium' | 'low';

/** kube-hunter findings a bare-metal cluster with default settings shows. */
const HUNTER_FINDINGS: readonly {
  testId: string;
  vulnerability: string;
  severity: Severity;
  description: string;
}[] = [
  {
    testId: 'KHV002',
    vulnerability: 'K8s Version Disclosure',
    severity: 'medium',
    description: 'The kubernetes version could be obtained from the /version endpoint',
  },
  {
    testId: 'KHV005',
    vulnerability: 'Access to API using service account token',
    severity: 'medium',
    description:
      'The API Server port is accessible. Depending on your RBAC settings this could expose access to your cluster.',
  },
  {
    testId: 'KHV050',
    vulnerability: "Read access to pod's service account token",
    severity: 'medium',
    description: 'Accessing the pod service account token gives an attacker the option to use the server API',
  },
  {
    testId: 'KHV044',
    vulnerability: 'Privileged Container',
    severity: 'high',
    description:
      'A Privileged container exist on a node. could expose the node/cluster to unwanted root operations',
  },
  {
    testId: 'KHV047',
    vulnerability: 'Pod With Mount To /var/log',
    severity: 'low',
    description:
      'A pod can create symlinks in the /var/log directory on the host, which can lead to a root directory traveral',
  },
];

/** `v1KubeHunterReport`s: one for the cluster's API endpoint. */
export function kubeHunterReports(cluster: ClusterRecord, at: number) {
  const count = (severity: Severity) =>
    HUNTER_FINDINGS.filter((finding) => finding.severity === severity).length;
  return {
    [cluster.name]: {
      time: iso(at),
      vulnerabilites: { high: count('high'), medium: count('medium'), low: count('low') },
      logs: HUNTER_FINDINGS.map((finding) => ({
        ...finding,
        evidence: finding.testId === 'KHV002' ? 'v1.30.6' : '',
        reference: `https://aquasecurity.github.io/kube-hunter/kb/${finding.testId}`,
      })),
    },
  };
}

/** The conformance run: e2e's [Conformance] tests (one failing on a bare-metal network) and systemd-logs per node. */
const CONFORMANCE_TOTAL = 402;
const CONFORMANCE_FAILURES = [
  '[sig-network] Services should serve endpoints on same port and different protocols [Conformance]',
];

/** `v1SonobuoyReport`s by plugin. */
export function sonobuoyReports(cluster: ClusterRecord) {
  const nodes = cluster.pools.reduce((sum, pool) => sum + pool.size, 0);
  return {
    e2e: {
      plugin: 'e2e',
      node: 'global',
      status: 'failed',
      total: CONFORMANCE_TOTAL,
      fail: CONFORMANCE_FAILURES.length,
      pass: CONFORMANCE_TOTAL - CONFORMANCE_FAILURES.length,
      logs: CONFORMANCE_FAILURES.map((description) => ({
        description,
        state: 'failed',
        msg: 'timed out waiting for the condition',
        path: 'plugins/e2e/results/global/junit_01.xml',
        output: '',
      })),
    },
    'systemd-logs': {
      plugin: 'systemd-logs',
      node: 'all',
      status: 'passed',
      total: nodes,
      pass: nodes,
      fail: 0,
      logs: [],
    },
  };
}
