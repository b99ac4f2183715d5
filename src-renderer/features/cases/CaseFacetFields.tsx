import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATES, type CaseState } from '../../../src-shared/domain/cases/states';
import type { Option } from './caseFilter';

/** The facets both the Cases page and the map filter cases by (cases.list's status, serviceCode, agencyId, overdue). */
export interface CaseFacets {
  status: CaseState | 'open' | 'closed' | '';
  category: string;
  agency: string;
  overdueOnly: boolean;
}

export interface CaseFacetFieldsProps {
  facets: CaseFacets;
  onChange(patch: Partial<CaseFacets>): void;
  categories: readonly Option[];
  agencies: readonly Option[];
  /** The agency menu's value for cases not yet forwarded to anyone (each filter keeps its own constant). */
  noAgency: string;
  /** Test ids: `<prefix>-status`, `-category`, `-agency`, `-overdue`. */
  testIdPrefix: string;
  /** Given: each menu sits in a label of this class with its name shown; not given: the name is its aria-label. */
  fieldClassName?: string;
  checkClassName: string;
  /** More menus of the caller's own (a FacetMenu each), placed before the overdue box. */
  children?: ReactNode;
}

function isStatus(value: string): value is CaseFacets['status'] {
  return value === '' || value === 'open' || value === 'closed' || CASE_STATES.some((s) => s === value);
}

export interface FacetMenuProps {
  label: string;
  /** The first choice, value '': no narrowing by this facet. */
  everyLabel: string;
  choices: readonly Option[];
  value: string;
  onChange(value: string): void;
  testId: string;
  fieldClassName: string | undefined;
}

/** One facet's menu: "every …" first, then the choices; named by a visible label or by its aria-label. */
export function FacetMenu({ label, everyLabel, choices, value, onChange, testId, fieldClassName }: FacetMenuProps) {
  const select = (
    <select
      className="input"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
      aria-label={fieldClassName === undefined ? label : undefined}
    >
      <option value="">{everyLabel}</option>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
  if (fieldClassName === undefined) return select;
  return (
    <label className={fieldClassName}>
      <span>{label}</span>
      {select}
    </label>
  );
}

/** Status, category and agency menus and the overdue box, worded alike wherever cases are filtered. */
export function CaseFacetFields(props: CaseFacetFieldsProps) {
  const { facets, onChange, categories, agencies, noAgency, testIdPrefix, fieldClassName, checkClassName } = props;
  const { t } = useTranslation();
  const statuses: Option[] = [
    { value: 'open', label: t('cases.openOnly') },
    { value: 'closed', label: t('cases.closedOnly') },
    ...CASE_STATES.map((s) => ({ value: s, label: t(`cases.state.${s}`) })),
  ];
  return (
    <>
      <FacetMenu
        fieldClassName={fieldClassName}
        label={t('cases.status')}
        everyLabel={t('cases.allStatuses')}
        choices={statuses}
        value={facets.status}
        onChange={(value) => {
          if (isStatus(value)) onChange({ status: value });
        }}
        testId={`${testIdPrefix}-status`}
      />
      <FacetMenu
        fieldClassName={fieldClassName}
        label={t('cases.category')}
        everyLabel={t('cases.allCategories')}
        choices={categories}
        value={facets.category}
        onChange={(category) => onChange({ category })}
        testId={`${testIdPrefix}-category`}
      />
      <FacetMenu
        fieldClassName={fieldClassName}
        label={t('cases.agency')}
        everyLabel={t('cases.allAgencies')}
        choices={[{ value: noAgency, label: t('cases.noAgency') }, ...agencies]}
        value={facets.agency}
        onChange={(agency) => onChange({ agency })}
        testId={`${testIdPrefix}-agency`}
      />
      {props.children}
      <label className={checkClassName}>
        <input
          type="checkbox"
          checked={facets.overdueOnly}
          onChange={(e) => onChange({ overdueOnly: e.target.checked })}
          data-testid={`${testIdPrefix}-overdue`}
        />
        <span>{t('cases.overdueOnly')}</span>
      </label>
    </>
  );
}
