/** Roles of DESIGN.md §1; what each may do is data in ROLE_PERMISSIONS, never checked by role name. */
export const ROLES = ['operator', 'police', 'technician', 'it_admin', 'director'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'system.read',
  'wall.view',
  'wall.configure',
  'ptz.control',
  'cameras.read',
  'cameras.manage',
  'footage.review',
  'footage.export',
  'cases.read',
  'cases.write',
  'identity.reveal',
  'alerts.read',
  'alerts.acknowledge',
  'alerts.escalate',
  'assets.import',
  'maintenance.manage',
  'reports.read',
  'users.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  operator: [
    'system.read',
    'cameras.read',
    'wall.view',
    'wall.configure',
    'ptz.control',
    'cases.read',
    'cases.write',
    'alerts.read',
    'alerts.acknowledge',
    'alerts.escalate',
  ],
  police: [
    'system.read',
    'cameras.read',
    'wall.view',
    'footage.review',
    'footage.export',
    'cases.read',
    'identity.reveal',
  ],
  technician: [
    'system.read',
    'cameras.read',
    'wall.view',
    'wall.configure',
    'ptz.control',
    'cameras.manage',
    'alerts.read',
    'assets.import',
    'maintenance.manage',
  ],
  it_admin: [
    'system.read',
    'cameras.read',
    'users.manage',
    'audit.read',
    'cameras.manage',
    'alerts.read',
    'assets.import',
    'maintenance.manage',
  ],
  director: [
    'system.read',
    'cameras.read',
    'wall.view',
    'cases.read',
    'cases.write',
    'reports.read',
    'audit.read',
    'alerts.read',
  ],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) granted.add(p);
  return granted;
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
