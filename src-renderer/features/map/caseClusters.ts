import { CASE_STAGES, type CasePoint, type CaseStage } from './casePoints';
import { groupPoints } from './gridClusters';

export interface CaseCluster {
  /** The case's id, or `cluster:<cell>` for several. */
  id: string;
  position: [number, number];
  count: number;
  /** The least advanced stage in it (waiting for the centre first): what still needs someone. */
  stage: CaseStage;
  /** How many of its cases are overdue: any makes the circle's ring red. */
  overdue: number;
  caseIds: string[];
  /** Where its cases are, for zooming in until they part. */
  positions: [number, number][];
  /** The case itself when the circle holds one: a click opens it. */
  single: CasePoint | null;
}

/** Cases grouped at low zoom like alerts (gridClusters.ts), with their count and whether any is overdue. */
export function clusterCases(points: readonly CasePoint[], zoom: number): CaseCluster[] {
  return groupPoints(points, zoom).map(({ key, position, members }) => ({
    id: members.length === 1 ? members[0]!.id : `cluster:${key}`,
    position,
    count: members.length,
    stage: CASE_STAGES.find((stage) => members.some((p) => p.stage === stage)) ?? 'done',
    overdue: members.filter((p) => p.overdue).length,
    caseIds: members.map((p) => p.id),
    positions: members.map((p) => p.position),
    single: members.length === 1 ? members[0]! : null,
  }));
}
