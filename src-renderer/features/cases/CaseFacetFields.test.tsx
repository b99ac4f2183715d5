import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18nForTests } from '../../app/i18n';
import { CaseFacetFields, type CaseFacetFieldsProps, type CaseFacets } from './CaseFacetFields';

const facets: CaseFacets = { status: 'triaged', category: 'lighting', agency: '\u0000none', overdueOnly: true };

function render(props: Partial<CaseFacetFieldsProps> & Pick<CaseFacetFieldsProps, 'testIdPrefix' | 'checkClassName'>) {
  const html = renderToStaticMarkup(
    <CaseFacetFields
      facets={facets}
      onChange={() => {}}
      categories={[{ value: 'lighting', label: 'Chiếu sáng' }]}
      agencies={[{ value: 'ag-1', label: 'Điện lực Cao Lãnh' }]}
      noAgency={'\u0000none'}
      {...props}
    />,
  );
  return { html, ids: [...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]) };
}

describe('the case facet fields shared by the Cases page and the map', () => {
  beforeAll(initI18nForTests);

  it('names the menus by aria-label on the Cases page and puts its own menus before the overdue box', () => {
    const { html, ids } = render({
      testIdPrefix: 'cases-filter',
      checkClassName: 'case-filters__check',
      children: <select data-testid="cases-filter-site" />,
    });
    expect(ids).toEqual([
      'cases-filter-status',
      'cases-filter-category',
      'cases-filter-agency',
      'cases-filter-site',
      'cases-filter-overdue',
    ]);
    expect(html).toContain('aria-label="Trạng thái"');
    expect(html).not.toContain('<span>Trạng thái</span>');
    expect(html).toContain('<option value="triaged" selected="">Đã phân loại</option>');
    expect(html).toContain('<option value="\u0000none" selected="">Chưa chuyển</option>');
    expect(html).toMatch(/<label class="case-filters__check"><input type="checkbox"[^>]*checked=""/);
  });

  it('shows each menu’s name in a label of the given class on the map', () => {
    const { html, ids } = render({
      facets: { ...facets, status: '', overdueOnly: false },
      testIdPrefix: 'map-case-filter',
      fieldClassName: 'map-filter__field',
      checkClassName: 'map-filter__option',
    });
    expect(ids).toEqual([
      'map-case-filter-status',
      'map-case-filter-category',
      'map-case-filter-agency',
      'map-case-filter-overdue',
    ]);
    expect(html.match(/<label class="map-filter__field"><span>/g)).toHaveLength(3);
    expect(html).toContain('<span>Trạng thái</span>');
    expect(html).toContain('<option value="" selected="">Mọi trạng thái</option>');
    expect(html).not.toContain('aria-label');
    expect(html).toContain('<option value="lighting" selected="">Chiếu sáng</option>');
    expect(html).toContain('Điện lực Cao Lãnh');
  });
});
