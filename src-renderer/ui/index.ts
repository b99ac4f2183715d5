export { Icon, type IconName } from './Icon';
export { EmptyState } from './EmptyState';
export { Notice } from './Notice';
export { Field } from './Field';
export { Form } from './Form';
export { Panel } from './Panel';
export { Page } from './Page';
export { LanguageSwitch } from './LanguageSwitch';
export { useNow } from './useNow';
