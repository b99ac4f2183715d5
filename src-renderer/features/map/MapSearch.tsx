import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from './mapSearch';

interface MapSearchProps {
  search(query: string): SearchHit[];
  onPick(hit: SearchHit): void;
}

/** Place or camera search; Enter picks the first hit, so the keyboard alone gets the operator there. */
export function MapSearch({ search, onPick }: MapSearchProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const hits = search(query);
  const pick = (hit: SearchHit) => {
    onPick(hit);
    setQuery('');
  };
  return (
    <div className="map-search">
      <input
        className="input"
        type="search"
        value={query}
        placeholder={t('map.search')}
        aria-label={t('map.search')}
        data-testid="map-search"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && hits[0]) pick(hits[0]);
          if (e.key === 'Escape') setQuery('');
        }}
      />
      {query.trim() !== '' ? (
        <ul className="map-search__hits" data-testid="map-search-hits">
          {hits.length === 0 ? <li className="muted">{t('map.searchEmpty')}</li> : null}
          {hits.map((hit) => (
            <li key={hit.id}>
              <button type="button" onClick={() => pick(hit)} data-kind={hit.kind}>
                {hit.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
