import { DEFAULT_ALARM_POLICY, type AlarmPolicy, type WallSource } from '../../../src-shared/contract/layouts';
import { type Store, writeTransaction } from '../store';
import { policyFromJson, type DisplayRow } from './rows';

/** What is stored about a display; the alarm and the live report are kept in memory by the service. */
export interface DisplaySetting {
  displayId: string;
  source: WallSource | null;
  tour: { running: boolean; startedAt: string | null; heldStep: number | null };
  alarmPolicy: AlarmPolicy;
  version: number;
  updatedAt: string | null;
}

export function defaultSetting(displayId: string): DisplaySetting {
  return {
    displayId,
    source: null,
    tour: { running: false, startedAt: null, heldStep: null },
    alarmPolicy: DEFAULT_ALARM_POLICY,
    version: 0,
    updatedAt: null,
  };
}

function fromRow(row: DisplayRow): DisplaySetting {
  const source: WallSource | null =
    row.source_kind === 'layout' && row.source_id
      ? { kind: 'layout', layoutId: row.source_id }
      : row.source_kind === 'tour' && row.source_id
        ? { kind: 'tour', tourId: row.source_id }
        : null;
  return {
    displayId: row.display_id,
    source,
    tour: { running: row.tour_running === 1, startedAt: row.tour_started_at, heldStep: row.tour_held_step },
    alarmPolicy: policyFromJson(row.alarm_policy),
    version: row.version,
    updatedAt: row.updated_at,
  };
}

const COLUMNS =
  'display_id, source_kind, source_id, tour_running, tour_started_at, tour_held_step, alarm_policy, version, updated_at';

/** Per-display wall settings and the alarm links between cameras. */
export function createDisplaysRepo(store: Store) {
  const db = store.sqlite;
  const selectOne = db.prepare<[string], DisplayRow>(`SELECT ${COLUMNS} FROM wall_displays WHERE display_id = ?`);
  const selectAll = db.prepare<[], DisplayRow>(`SELECT ${COLUMNS} FROM wall_displays ORDER BY display_id`);
  const upsert = db.prepare(
    `INSERT INTO wall_displays (display_id, source_kind, source_id, tour_running, tour_started_at, tour_held_step,
       alarm_policy, version, updated_at, updated_by)
     VALUES (@displayId, @kind, @sourceId, @running, @startedAt, @heldStep, @policy, 1, @at, @by)
     ON CONFLICT (display_id) DO UPDATE SET source_kind = @kind, source_id = @sourceId, tour_running = @running,
       tour_started_at = @startedAt, tour_held_step = @heldStep, alarm_policy = @policy, version = version + 1,
       updated_at = @at, updated_by = @by`,
  );
  const selectLinks = db.prepare<[string], { linked_camera_id: string }>(
    'SELECT linked_camera_id FROM wall_alarm_links WHERE camera_id = ? ORDER BY position',
  );
  const deleteLinks = db.prepare('DELETE FROM wall_alarm_links WHERE camera_id = ?');
  const insertLink = db.prepare(
    'INSERT INTO wall_alarm_links (camera_id, linked_camera_id, position) VALUES (?, ?, ?)',
  );

  const get = (displayId: string): DisplaySetting => {
    const row = selectOne.get(displayId);
    return row ? fromRow(row) : defaultSetting(displayId);
  };

  /** Applies `change` to the stored (or default) setting and writes it back, in one transaction. */
  const update = writeTransaction(
    db,
    (displayId: string, change: (current: DisplaySetting) => DisplaySetting, at: string, by: string) => {
      const next = change(get(displayId));
      upsert.run({
        displayId,
        kind: next.source?.kind ?? null,
        sourceId: next.source ? (next.source.kind === 'layout' ? next.source.layoutId : next.source.tourId) : null,
        running: next.tour.running ? 1 : 0,
        startedAt: next.tour.startedAt,
        heldStep: next.tour.heldStep,
        policy: JSON.stringify(next.alarmPolicy),
        at,
        by,
      });
      return get(displayId);
    },
  );

  const setLinks = writeTransaction(db, (cameraId: string, linked: readonly string[]) => {
    deleteLinks.run(cameraId);
    const unique = [...new Set(linked)].filter((id) => id !== cameraId);
    unique.forEach((id, position) => insertLink.run(cameraId, id, position));
    return unique;
  });

  return {
    get,
    list: (): DisplaySetting[] => selectAll.all().map(fromRow),
    update: (displayId: string, change: (current: DisplaySetting) => DisplaySetting, at: string, by: string) =>
      update(displayId, change, at, by),
    links: (cameraId: string): string[] => selectLinks.all(cameraId).map((r) => r.linked_camera_id),
    setLinks: (cameraId: string, linked: readonly string[]): string[] => setLinks(cameraId, linked),
  };
}
export type DisplaysRepo = ReturnType<typeof createDisplaysRepo>;
