/**
 * values.yaml of the packs the simulator's MAAS profiles use, written the way Palette's packs ship them: real
 * keys and the comments that explain them, so the pack-values step and overrides (merged with the `yaml`
 * package, keeping comments) have something true to work on.
 */

/** Ubuntu for MAAS: the OS layer, with kubeadm hooks commented out as the pack ships them. */
export function ubuntuMaasValues(version: string): string {
  return `# Spectro Golden images include most of the hardening standards recommended by CIS benchmarking v1.5
pack:
  # The MAAS image the nodes are deployed with (imported in MAAS as a custom image)
  osImageOverride: "u-${version.replace('.', '')}-0-k-1306-0"
  # Set true to apply the OS patches available at boot time, before kubeadm runs
  patchOnBoot: false

# Uncomment below section to
# 1. Include custom files to be copied over to the nodes and/or
# 2. Execute a list of commands before or after kubeadm init/join is executed
#
#kubeadmconfig:
#  preKubeadmCommands:
#    - echo "Executing pre kube admin config commands"
#    - update-ca-certificates
#  postKubeadmCommands:
#    - echo "Executing post kube admin config commands"
#  files:
#    - targetPath: /usr/local/share/ca-certificates/mycom.crt
#      targetOwner: "root:root"
#      targetPermissions: "0644"
#      content: |
#        -----BEGIN CERTIFICATE-----
#        ...
#        -----END CERTIFICATE-----
`;
}

/** Palette eXtended Kubernetes (kubeadm) for MAAS. */
export function kubernetesValues(version: string): string {
  return `pack:
  k8sHardening: True
  # CIDR range for pods in the cluster
  # Note: This must not overlap with any of the host or service networks
  podCIDR: "192.168.0.0/16"
  # CIDR notation IP range from which to assign service cluster IPs
  # Note: This must not overlap with any IP ranges assigned to nodes for pods.
  serviceClusterIpRange: "10.96.0.0/12"
  # Serves as the default Kubernetes version of the pack (${version})
  palette:
    config:
      dashboard:
        identityProvider: palette

# KubeAdm customization for kubernetes hardening. Below config will be ignored if k8sHardening property above is disabled
kubeadmconfig:
  apiServer:
    extraArgs:
      # Note: secure-port flag is used during kubeadm init. Do not change this flag on a running cluster
      secure-port: "6443"
      anonymous-auth: "true"
      profiling: "false"
      disable-admission-plugins: "AlwaysAdmit"
      default-not-ready-toleration-seconds: "60"
      default-unreachable-toleration-seconds: "60"
      enable-admission-plugins: "AlwaysPullImages,NamespaceLifecycle,ServiceAccount,NodeRestriction,PodSecurity"
      audit-log-path: /var/log/apiserver/audit.log
      audit-policy-file: /etc/kubernetes/audit-policy.yaml
      audit-log-maxage: "30"
      audit-log-maxbackup: "10"
      audit-log-maxsize: "100"
      tls-cipher-suites: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
  controllerManager:
    extraArgs:
      profiling: "false"
      terminated-pod-gc-threshold: "25"
      use-service-account-credentials: "true"
      feature-gates: "RotateKubeletServerCertificate=true"
  scheduler:
    extraArgs:
      profiling: "false"
  kubeletExtraArgs:
    read-only-port: "0"
    event-qps: "0"
    feature-gates: "RotateKubeletServerCertificate=true"
    protect-kernel-defaults: "true"
    rotate-server-certificates: "true"
    tls-cipher-suites: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
  files:
    - path: hardening/audit-policy.yaml
      targetPath: /etc/kubernetes/audit-policy.yaml
      targetOwner: "root:root"
      targetPermissions: "0600"
  preKubeadmCommands:
    # For enabling 'protect-kernel-defaults' flag to kubelet, kernel parameters changes are required
    - 'echo "====> Applying kernel parameters for Kubelet"'
    - 'sysctl -p /etc/sysctl.d/90-kubelet.conf'
`;
}

/** Calico CNI. */
export function calicoValues(): string {
  return `manifests:
  calico:
    images:
      cni: ""
      node: ""
      kubecontroller: ""
    # IPAM type to use. Supported types are calico-ipam, host-local
    ipamType: "calico-ipam"
    calico_ipam:
      assign_ipv4: true
      assign_ipv6: false
    # Should be one of CALICO_IPV4POOL_IPIP or CALICO_IPV4POOL_VXLAN
    encapsulationType: "CALICO_IPV4POOL_IPIP"
    # Should be one of Always, CrossSubnet, Never
    encapsulationMode: "Always"
    env:
      # Additional env variables for calico-node
      calicoNode:
        #IPV6: "autodetect"
        #FELIX_IPV6SUPPORT: "true"
        #CALICO_IPV6POOL_NAT_OUTGOING: "true"
        #CALICO_IPV4POOL_CIDR: "192.168.0.0/16"
        #IP_AUTODETECTION_METHOD: "first-found"
`;
}

/** Cilium CNI. */
export function ciliumValues(): string {
  return `charts:
  cilium:
    # kube-proxy replacement: strict needs a kernel >= 5.10 (Ubuntu 22.04 and later)
    kubeProxyReplacement: "true"
    ipam:
      # Supported modes: cluster-pool, kubernetes
      mode: "kubernetes"
    hubble:
      enabled: true
      relay:
        enabled: true
      ui:
        enabled: false
    operator:
      replicas: 2
    # Native routing needs the pod CIDR routable between nodes; tunnel works everywhere
    routingMode: "tunnel"
    tunnelProtocol: "vxlan"
`;
}

/** Rook-Ceph CSI on the nodes' local disks. */
export function rookCephValues(): string {
  return `manifests:
  storageclass:
    # Volume binding mode: WaitForFirstConsumer lets the scheduler pick the node first
    volumeBindingMode: "WaitForFirstConsumer"
    # Reclaim policy: Delete or Retain
    reclaimPolicy: "Delete"
    isDefaultClass: true
  cluster:
    contents: |
      apiVersion: ceph.rook.io/v1
      kind: CephCluster
      metadata:
        name: rook-ceph
        namespace: rook-ceph
      spec:
        cephVersion:
          image: quay.io/ceph/ceph:v18.2.4
        dataDirHostPath: /var/lib/rook
        mon:
          # Set the number of mons to be started. Must be an odd number, and is generally recommended to be 3.
          count: 3
          allowMultiplePerNode: false
        storage:
          useAllNodes: true
          # Only raw, unformatted disks are consumed; the OS disk is left alone
          useAllDevices: true
          #deviceFilter: "^nvme[1-9]n1"
        placement:
          all:
            tolerations:
              - key: node-role.kubernetes.io/control-plane
                operator: Exists
`;
}

/** MetalLB load balancer, layer 2. */
export function metallbValues(addresses: string): string {
  return `manifests:
  metallb:
    namespace: "metallb-system"
    # The addresses MetalLB hands out to LoadBalancer services; keep them outside the MAAS DHCP range
    addresses:
      - "${addresses}"
    # Layer 2 mode answers ARP for the service IPs; set to false to use BGP (configure peers below)
    avoidBuggyIPs: true
    l2Advertisement: true
    #bgpPeers:
    #  - peerAddress: 10.10.0.1
    #    peerASN: 64501
    #    myASN: 64500
`;
}

/** NVIDIA GPU operator (add-on). */
export function gpuOperatorValues(): string {
  return `charts:
  gpu-operator:
    driver:
      # Let the operator install the driver; set false when the MAAS image ships one
      enabled: true
      version: "550.90.07"
    toolkit:
      enabled: true
    mig:
      # single: every GPU exposes the same MIG profile; mixed: profiles per GPU
      strategy: single
    dcgmExporter:
      enabled: true
      serviceMonitor:
        enabled: false
    nodeSelector:
      # Only schedule the operator's daemonsets on nodes of the GPU pool
      nvidia.com/gpu.present: "true"
`;
}

/** Prometheus operator (add-on profile, every environment). */
export function prometheusValues(): string {
  return `charts:
  kube-prometheus-stack:
    prometheus:
      prometheusSpec:
        # How long metrics are kept on the cluster
        retention: 7d
        storageSpec:
          volumeClaimTemplate:
            spec:
              accessModes: ["ReadWriteOnce"]
              resources:
                requests:
                  storage: 50Gi
    grafana:
      enabled: true
      # Change me: the admin password of the bundled Grafana
      adminPassword: "prom-operator"
`;
}
