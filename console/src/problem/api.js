import { api } from '../shared/http.js'

export const listProblems = (query) => api('/api/v1/problems', { query })
export const getProblem = (id) => api(`/api/v1/problems/${id}`)
export const problemCategories = () => api('/api/v1/problem-categories')
/** One step of a case (accept, reject, dispatch, progress, resolve, close…), with its body if any. */
export const problemStep = (id, step, body) => api(`/api/v1/problems/${id}/${step}`, { method: 'POST', body })

export const STATUS_LABELS = {
  SUBMITTED: '待受理', ACCEPTED: '已受理', REJECTED: '不予受理', DISPATCHED: '已交办', IN_PROGRESS: '办理中',
  SUSPENDED: '已挂起', RESOLVED: '已办结', RATED: '已评价', REOPENED: '已重启', CLOSED: '已关闭',
}

/** The running deadline of a case and the days left (negative: overdue), in calendar days. */
export function timeLeft(c) {
  const d = c.deadlines || {}
  const running = { SUBMITTED: d.accept, ACCEPTED: d.accept, DISPATCHED: d.firstReport || d.resolve, IN_PROGRESS: d.resolve, REOPENED: d.resolve, RESOLVED: d.verify }[c.status]
  if (!running) return null
  const today = new Date(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }))
  const days = Math.round((new Date(running) - today) / 86400000)
  return { due: running, days, text: days < 0 ? `已超期 ${-days} 天` : days === 0 ? '今日到期' : `剩 ${days} 天` }
}
