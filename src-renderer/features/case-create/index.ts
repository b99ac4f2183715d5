export { NewCaseDialog, type CaseCreated, type NewCaseCamera } from './NewCaseDialog';
export { CaseCreatedNotice } from './CaseCreatedNotice';
