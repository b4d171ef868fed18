import { createRouter, createWebHistory } from 'vue-router'
import { session } from './auth/session.js'
import { CONSOLE_ROLES, homeFor } from './auth/roles.js'
import ConsoleLayout from './layout/ConsoleLayout.vue'
import LoginPage from './auth/LoginPage.vue'

const ADMIN_SUP = ['GRID_ADMIN', 'SUPERVISOR']

const routes = [
  { path: '/login', component: LoginPage, meta: { public: true, title: '登录' } },
  {
    path: '/',
    component: ConsoleLayout,
    children: [
      { path: '', redirect: () => homeFor(session.role) },
      { path: 'dashboard', component: () => import('./dashboard/DashboardPage.vue'), meta: { roles: ADMIN_SUP, title: '工作台', menu: 'dashboard' } },
      { path: 'enterprises', component: () => import('./enterprise/EnterpriseList.vue'), meta: { roles: ADMIN_SUP, title: '企业画像', menu: 'enterprises' } },
      { path: 'enterprises/import', component: () => import('./enterprise/EnterpriseImport.vue'), meta: { roles: ['GRID_ADMIN'], title: '企业导入', menu: 'import' } },
      { path: 'enterprises/:uscc', component: () => import('./enterprise/EnterpriseProfile.vue'), meta: { roles: ADMIN_SUP, title: '企业详情', menu: 'enterprises' } },
      { path: 'policies', component: () => import('./policy/PolicyList.vue'), meta: { roles: ['POLICY_AUTHOR', ...ADMIN_SUP], title: '惠企政策', menu: 'policies' } },
      { path: 'policies/new', component: () => import('./policy/PolicyEditor.vue'), meta: { roles: ['POLICY_AUTHOR'], title: '起草政策', menu: 'policies' } },
      { path: 'policies/:id', component: () => import('./policy/PolicyDetail.vue'), meta: { roles: ['POLICY_AUTHOR', ...ADMIN_SUP], title: '政策详情', menu: 'policies' } },
      { path: 'policies/:id/edit', component: () => import('./policy/PolicyEditor.vue'), meta: { roles: ['POLICY_AUTHOR'], title: '编辑政策', menu: 'policies' } },
      { path: 'problems', component: () => import('./problem/ProblemBoard.vue'), meta: { roles: [...ADMIN_SUP, 'DEPT_HANDLER'], title: '诉求办理', menu: 'problems' } },
      { path: 'problems/:id', component: () => import('./problem/ProblemDetail.vue'), meta: { roles: [...ADMIN_SUP, 'DEPT_HANDLER'], title: '诉求详情', menu: 'problems' } },
      { path: 'audit', component: () => import('./audit/AuditLog.vue'), meta: { roles: ADMIN_SUP, title: '审计日志', menu: 'audit' } },
      { path: ':rest(.*)*', component: () => import('./layout/NotFound.vue'), meta: { title: '页面不存在' } },
    ],
  },
]

export const router = createRouter({ history: createWebHistory('/console/'), routes })

router.beforeEach((to) => {
  if (to.meta.public) return true
  if (!session.token || !CONSOLE_ROLES.includes(session.role)) {
    return { path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (to.meta.roles && !to.meta.roles.includes(session.role)) return homeFor(session.role)
  return true
})

router.afterEach((to) => {
  document.title = `${to.meta.title ? to.meta.title + ' - ' : ''}企业服务网格管理后台`
})
