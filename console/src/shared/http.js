import { session, afterRelogin } from '../auth/session.js'

/** A refused or failed request; `message` is the Chinese text to show, `problem` the RFC 7807 document. */
export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message)
    this.status = status
    this.problem = problem
  }
}

const STATUS_TEXT = {
  400: '请求有误',
  401: '登录已失效，请重新登录',
  403: '当前账号无权执行此操作',
  404: '未找到该数据，或不在当前账号的数据范围内',
  409: '当前状态不允许此操作',
  413: '提交的内容过大',
  415: '不支持的文件类型',
  422: '填写的内容有误',
  429: '尝试次数过多，请稍后再试',
  503: '服务暂不可用，请稍后重试',
}

/** The Chinese text of a problem document: its detail, and each field's when several are wrong. */
export function problemText(status, problem) {
  if (!problem) return STATUS_TEXT[status] || `请求失败（HTTP ${status}）`
  const errors = Array.isArray(problem.errors) ? problem.errors : []
  if (errors.length > 1) return errors.map((e) => e.detail).join('；')
  return problem.detail || problem.title || STATUS_TEXT[status] || `请求失败（HTTP ${status}）`
}

function url(path, query) {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') params.append(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

/**
 * Calls the console API. A JSON body is sent as application/json; a Blob or File as itself with
 * `contentType`. When the token has expired (401), the re-login dialog opens over the page and the
 * request is sent again once the user has logged in, so nothing typed on the page is lost.
 * Answers the parsed JSON, or the Blob when `blob` is set.
 */
export async function api(path, opts = {}) {
  const { method = 'GET', body, query, contentType, blob = false, anonymous = false, token, signal } = opts
  const headers = { Accept: blob ? '*/*' : 'application/json' }
  const bearer = token || session.token
  if (bearer) headers.Authorization = `Bearer ${bearer}`
  let payload
  if (body instanceof Blob) {
    payload = body
    headers['Content-Type'] = contentType || body.type || 'application/octet-stream'
  } else if (body !== undefined) {
    payload = JSON.stringify(body)
    headers['Content-Type'] = 'application/json'
  } else if (method !== 'GET') {
    // steps that take no body
    payload = undefined
  }
  let res
  try {
    res = await fetch(url(path, query), { method, headers, body: payload, signal })
  } catch (e) {
    if (e.name === 'AbortError') throw e
    throw new ApiError(0, null, '无法连接服务器，请检查网络后重试')
  }
  if (res.status === 401 && !anonymous) {
    await afterRelogin()
    return api(path, opts)
  }
  if (!res.ok) {
    let problem = null
    try {
      problem = await res.json()
    } catch {
      // not a problem document (a proxy's page): the status text says enough
    }
    throw new ApiError(res.status, problem, problemText(res.status, problem))
  }
  if (blob) return res.blob()
  if (res.status === 204) return null
  const text = await res.text()
  return text ? JSON.parse(text) : null
}
