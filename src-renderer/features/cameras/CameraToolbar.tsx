import { useTranslation } from 'react-i18next';
import { CameraStatusSchema, type Site } from '../../../src-shared/contract';
import { isFiltered, NO_FILTER, NO_SITE, type CameraFilter } from './cameraFilter';
import { Glyph } from './Glyph';

interface CameraToolbarProps {
  filter: CameraFilter;
  onFilter: (filter: CameraFilter) => void;
  sites: readonly Site[];
  shown: number;
  total: number;
  canManage: boolean;
  refreshing: boolean;
  onReload: () => void;
  onDiscover: () => void;
  onAdd: () => void;
}

export function CameraToolbar(props: CameraToolbarProps) {
  const { t } = useTranslation();
  const { filter, onFilter } = props;
  return (
    <div className="cam-toolbar">
      <input
        className="input cam-toolbar__search"
        type="search"
        value={filter.query}
        placeholder={t('cameras.search')}
        aria-label={t('cameras.search')}
        data-testid="cameras-search"
        onChange={(event) => onFilter({ ...filter, query: event.target.value })}
      />
      <select
        className="input cam-toolbar__select"
        value={filter.siteId}
        aria-label={t('cameras.site')}
        data-testid="cameras-site"
        onChange={(event) => onFilter({ ...filter, siteId: event.target.value })}
      >
        <option value="">{t('cameras.allSites')}</option>
        {props.sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
        <option value={NO_SITE}>{t('cameras.noSite')}</option>
      </select>
      <select
        className="input cam-toolbar__select"
        value={filter.status}
        aria-label={t('cameras.statusFilter')}
        data-testid="cameras-status"
        onChange={(event) => {
          const parsed = CameraStatusSchema.safeParse(event.target.value);
          onFilter({ ...filter, status: parsed.success ? parsed.data : '' });
        }}
      >
        <option value="">{t('cameras.allStatuses')}</option>
        {CameraStatusSchema.options.map((status) => (
          <option key={status} value={status}>
            {t(`cameras.status.${status}`)}
          </option>
        ))}
      </select>
      {filter.certificates === 'awaiting' ? (
        <span className="chip cam-toolbar__chip" data-testid="cameras-filter-certificates">
          {t('cameras.certificatesFilter')}
          <button
            type="button"
            className="btn btn--ghost btn--small"
            aria-label={t('cameras.certificatesFilterClear')}
            title={t('cameras.certificatesFilterClear')}
            data-testid="cameras-filter-certificates-clear"
            onClick={() => onFilter({ ...filter, certificates: '' })}
          >
            <span aria-hidden="true">×</span>
          </button>
        </span>
      ) : null}
      <span className="muted cam-toolbar__count" data-testid="cameras-count">
        {t('cameras.count', { shown: props.shown, total: props.total })}
      </span>
      {isFiltered(filter) ? (
        <button type="button" className="btn btn--ghost btn--small" onClick={() => onFilter(NO_FILTER)}>
          {t('cameras.clearFilters')}
        </button>
      ) : null}
      <span className="cam-toolbar__spacer" />
      <button
        type="button"
        className="btn btn--ghost"
        disabled={props.refreshing}
        title={t('cameras.reload')}
        data-testid="cameras-reload"
        onClick={props.onReload}
      >
        <Glyph name="refresh" />
        <span className="visually-hidden">{t('cameras.reload')}</span>
      </button>
      {props.canManage ? (
        <>
          <button type="button" className="btn" data-testid="cameras-discover" onClick={props.onDiscover}>
            <Glyph name="radar" />
            {t('cameras.discover')}
          </button>
          <button type="button" className="btn btn--primary" data-testid="cameras-add" onClick={props.onAdd}>
            <Glyph name="plus" />
            {t('cameras.add')}
          </button>
        </>
      ) : (
        <span className="chip" data-testid="cameras-readonly" title={t('cameras.readOnly')}>
          {t('cameras.readOnly')}
        </span>
      )}
    </div>
  );
}
