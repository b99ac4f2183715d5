export { createCasesService, type CasesService, type CasesServiceOptions } from './service';
export { casesHandlers, type CasesCallContext } from './handlers';
export { loadWorkingCalendar } from './calendar';
