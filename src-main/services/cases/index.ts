export { createCasesService, type CasesService, type CasesServiceOptions } from './service';
export { casesHandlers, type CasesCallContext } from './handlers';
export { loadWorkingCalendar } from './calendar';
export { loadCaseServices } from './service-catalog';
export type { NewCaseInput, NewCasePhoto } from './create-case';
export { MediaCache, MediaFetchError, type MediaCacheOptions } from './media-cache';
export type { MediaFile } from './case-media';
