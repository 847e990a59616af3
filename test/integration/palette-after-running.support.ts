import type { PaletteSimulator } from '../../src/local/palette/simulator';

/**
 * The spec operations of a cluster's life after Running (issue 12), as requests for the simulator's "implements
 * every operation" check: the cluster `uid` holds a repave and is offered an update first, so approve answers 204.
 */
export function afterRunningRequests(
  sim: PaletteSimulator,
  uid: string,
  profileUid: string,
): Record<string, [string, string, unknown?]> {
  sim.holdRepave(uid);
  sim.offerUpdate(uid);
  return {
    v1SpectroClustersUidKubeConfig: ['GET', `/v1/spectroclusters/${uid}/assets/kubeconfig?frp=true`],
    v1SpectroClustersUidAdminKubeConfig: ['GET', `/v1/spectroclusters/${uid}/assets/adminKubeconfig`],
    v1SpectroClustersUidRepaveGet: ['GET', `/v1/spectroclusters/${uid}/repave/status`],
    v1SpectroClustersUidRepaveApproveUpdate: ['PATCH', `/v1/spectroclusters/${uid}/repave/approve`],
    v1DashboardSpectroClustersRepaveList: [
      'GET',
      '/v1/dashboard/spectroclusters/repaveStatus?repaveState=Pending&limit=50',
    ],
    v1NotificationsObjTypeUidList: ['GET', `/v1/notifications/spectrocluster/${uid}`],
    v1SpectroClustersGetProfiles: ['GET', `/v1/spectroclusters/${uid}/profiles`],
    v1SpectroClustersPatchProfiles: [
      'PATCH',
      `/v1/spectroclusters/${uid}/profiles?resolveNotification=true`,
      { profiles: [{ uid: profileUid }] },
    ],
  };
}
