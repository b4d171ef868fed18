// What each console role may do, as the API enforces it (console.yaml names the roles of every
// operation): the menu shows a page only to the roles whose calls it makes would be allowed.

export const ROLE_LABELS = {
  GRID_ADMIN: '网格管理员（营商办）',
  POLICY_AUTHOR: '政策制定（部门）',
  DEPT_HANDLER: '部门承办人',
  SUPERVISOR: '督查（只读）',
  LIAISON: '网格员',
  ENTERPRISE: '企业',
}

/** Roles that may use the console at all (firms and liaisons use the mini-program). */
export const CONSOLE_ROLES = ['GRID_ADMIN', 'POLICY_AUTHOR', 'DEPT_HANDLER', 'SUPERVISOR']

/** The menu: only pages that exist; `roles` as in each route's meta. */
export const MENU = [
  { key: 'dashboard', label: '工作台', path: '/dashboard', roles: ['GRID_ADMIN', 'SUPERVISOR'] },
  { key: 'enterprises', label: '企业画像', path: '/enterprises', roles: ['GRID_ADMIN', 'SUPERVISOR'] },
  { key: 'import', label: '企业导入', path: '/enterprises/import', roles: ['GRID_ADMIN'] },
  { key: 'policies', label: '惠企政策', path: '/policies', roles: ['POLICY_AUTHOR', 'GRID_ADMIN', 'SUPERVISOR'] },
  { key: 'problems', label: '诉求办理', path: '/problems', roles: ['GRID_ADMIN', 'SUPERVISOR', 'DEPT_HANDLER'] },
  { key: 'audit', label: '审计日志', path: '/audit', roles: ['GRID_ADMIN', 'SUPERVISOR'] },
]

export function menuFor(role) {
  return MENU.filter((m) => m.roles.includes(role))
}

/** Where a role lands after login. */
export function homeFor(role) {
  return menuFor(role)[0]?.path || '/login'
}

/** Fine-grained abilities inside pages (buttons shown only to who may press them). */
export const can = {
  importEnterprises: (role) => role === 'GRID_ADMIN',
  reviewCorrections: (role) => role === 'GRID_ADMIN',
  draftPolicies: (role) => role === 'POLICY_AUTHOR',
  simulatePolicies: (role) => role === 'POLICY_AUTHOR' || role === 'GRID_ADMIN',
  dispatchProblems: (role) => role === 'GRID_ADMIN',
  handleProblems: (role) => role === 'DEPT_HANDLER',
}
