import type { Migration } from '../migration';
import { migration001Initial } from './001-initial';
import { migration002CamerasSecrets } from './002-cameras-secrets';
import { migration003Sync } from './003-sync';
import { migration004WallLayouts } from './004-wall-layouts';
import { migration005WallAuditSync } from './005-wall-audit-sync';
import { migration006CasesAgenciesSites } from './006-cases-agencies-sites';
import { migration007CaseSearchIndex } from './007-case-search-index';
import { migration008CaseAttachments } from './008-case-attachments';
import { migration009OutboxBlobs } from './009-outbox-blobs';
import { migration010AlertsMirror } from './010-alerts-mirror';
import { migration011InboxIndexes } from './011-inbox-indexes';
import { migration012CameraReports } from './012-camera-reports';
import { migration013CameraTlsPins } from './013-camera-tls-pins';
import { migration014CameraReportKeys } from './014-camera-report-keys';
import { migration015CaseSearchColumnsize } from './015-case-search-columnsize';

/** All migrations in order. Append; never reorder or edit. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002CamerasSecrets,
  migration003Sync,
  migration004WallLayouts,
  migration005WallAuditSync,
  migration006CasesAgenciesSites,
  migration007CaseSearchIndex,
  migration008CaseAttachments,
  migration009OutboxBlobs,
  migration010AlertsMirror,
  migration011InboxIndexes,
  migration012CameraReports,
  migration013CameraTlsPins,
  migration014CameraReportKeys,
  migration015CaseSearchColumnsize,
];
