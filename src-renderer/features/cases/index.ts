export { CasesPage } from './CasesPage';
export { CaseFacetFields, type CaseFacets } from './CaseFacetFields';
