import { api } from '../shared/http.js'

export const listEnterprises = (query) => api('/api/v1/enterprises', { query })
export const getEnterprise = (uscc) => api(`/api/v1/enterprises/${uscc}`)
export const enterpriseHistory = (uscc, offset, limit = 20) => api(`/api/v1/enterprises/${uscc}/history`, { query: { offset, limit } })
export const enterpriseCorrections = (uscc) => api(`/api/v1/enterprises/${uscc}/corrections`)
export const confirmCorrection = (uscc, field) => api(`/api/v1/enterprises/${uscc}/corrections/${encodeURIComponent(field)}/confirm`, { method: 'POST' })
export const rejectCorrection = (uscc, field, reason) => api(`/api/v1/enterprises/${uscc}/corrections/${encodeURIComponent(field)}/reject`, { method: 'POST', body: { reason } })
export const enterpriseCode = (uscc) => api(`/api/v1/enterprises/${uscc}/code.png`, { blob: true })
export const importEnterprises = (file, contentType) => api('/api/v1/enterprises/import', { method: 'POST', body: file, contentType })

/** Every firm of a filter, page after page (for the export), reporting progress as it goes. */
export async function allEnterprises(filters, onProgress, cap = 20000) {
  const rows = []
  let page
  let total = 0
  do {
    const answer = await listEnterprises({ ...filters, page, limit: 200 })
    total = answer.total
    rows.push(...answer.items)
    page = answer.next
    onProgress?.(rows.length, total)
  } while (page && rows.length < cap)
  return { rows, total, truncated: !!page }
}
