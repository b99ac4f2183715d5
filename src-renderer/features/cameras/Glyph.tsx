import { Icon, type IconName } from '../../ui';

/** The cameras page's names for the app's icons (one set of drawings, in ui/Icon). */
const ICON_OF = {
  ptz: 'ptz',
  events: 'events',
  plus: 'plus',
  radar: 'radar',
  refresh: 'refresh',
  edit: 'edit',
  trash: 'trash',
  check: 'check',
  cross: 'cross',
  camera: 'cameras',
  pin: 'pin',
  warn: 'alert',
} as const satisfies Record<string, IconName>;

export type GlyphName = keyof typeof ICON_OF;

export function Glyph({ name, size = 16, className }: { name: GlyphName; size?: number; className?: string }) {
  return <Icon name={ICON_OF[name]} size={size} {...(className === undefined ? {} : { className })} />;
}
