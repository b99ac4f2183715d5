import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui';
import type { CaseCapNotice as Cap } from './caseCap';
import { formatCount } from './formatCount';

/** Says the case layer is cut to the newest cases, how many there are, and how to see the rest. */
export function CaseCapNotice({ notice }: { notice: Cap }) {
  const { t, i18n } = useTranslation();
  const count = (n: number) => formatCount(n, i18n.language);
  return (
    <div className="map-cap" data-testid="map-case-cap" data-shown={notice.shown} data-total={notice.total}>
      <Notice tone="info" hint={t('map.caseCap.hint')}>
        {t(notice.atLeast ? 'map.caseCap.shownOfAtLeast' : 'map.caseCap.shownOf', {
          shown: count(notice.shown),
          total: count(notice.total),
        })}
      </Notice>
    </div>
  );
}
