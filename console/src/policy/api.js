import { api } from '../shared/http.js'

export const listPolicies = (query) => api('/api/v1/policies', { query }).then((r) => r.items)
export const getPolicy = (id) => api(`/api/v1/policies/${id}`)
export const createPolicy = (draft) => api('/api/v1/policies', { method: 'POST', body: draft })
export const updatePolicy = (id, draft) => api(`/api/v1/policies/${id}`, { method: 'PUT', body: draft })
export const simulatePolicy = (draft) => api('/api/v1/policies/simulate', { method: 'POST', body: draft })
export const policyVersions = (id) => api(`/api/v1/policies/${id}/versions`).then((r) => r.items)
export const policyPool = (id) => api(`/api/v1/policies/${id}/pool`)
export const submitPolicy = (id) => api(`/api/v1/policies/${id}/submit`, { method: 'POST' })
export const publishPolicy = (id) => api(`/api/v1/policies/${id}/publish`, { method: 'POST' })
export const closePolicy = (id) => api(`/api/v1/policies/${id}/close`, { method: 'POST' })
export const returnPolicy = (id, reason) => api(`/api/v1/policies/${id}/return`, { method: 'POST', body: { reason } })
