import { reactive } from 'vue'
import { api } from '../shared/http.js'

// The console's session: the bearer token and who it belongs to. Kept in localStorage so that a
// shared link opened in another tab of the same browser is already logged in.
const KEY = 'enterprise-grid.console.session'

export const session = reactive({
  token: null,
  username: null,
  role: null,
  scope: {},
  expiresAt: 0,
  /** true while the token has expired and the re-login dialog is shown over the page */
  expired: false,
})

let waiting = []
let expiryTimer = null

function save() {
  const { token, username, role, scope, expiresAt } = session
  localStorage.setItem(KEY, JSON.stringify({ token, username, role, scope, expiresAt }))
}

function scheduleExpiry() {
  clearTimeout(expiryTimer)
  const left = session.expiresAt - Date.now()
  // setTimeout keeps 32-bit delays; a token lasting longer is checked again later
  if (session.token && left > 0) {
    expiryTimer = setTimeout(() => (left > 2 ** 31 - 1 ? scheduleExpiry() : markExpired()), Math.min(left, 2 ** 31 - 1))
  }
}

/** Logs in (the login answer carries the token, its lifetime and the role), then reads the scope. */
export async function login(username, password) {
  const answer = await api('/api/v1/auth/login', { method: 'POST', body: { username, password }, anonymous: true })
  const me = await api('/api/v1/auth/me', { token: answer.token, anonymous: true })
  Object.assign(session, {
    token: answer.token,
    username: me.subject,
    role: answer.role,
    scope: me.scope || {},
    expiresAt: Date.now() + answer.expiresIn * 1000,
    expired: false,
  })
  save()
  scheduleExpiry()
  const resumed = waiting
  waiting = []
  resumed.forEach((w) => w.resolve())
}

export function logout() {
  clearTimeout(expiryTimer)
  Object.assign(session, { token: null, username: null, role: null, scope: {}, expiresAt: 0, expired: false })
  localStorage.removeItem(KEY)
  const dropped = waiting
  waiting = []
  dropped.forEach((w) => w.reject(new Error('已退出登录')))
}

/** The token is no longer accepted: the page stays, the re-login dialog opens over it. */
export function markExpired() {
  if (session.token) session.expired = true
}

/** Resolves once the same person has logged in again (requests waiting on it are then retried). */
export function afterRelogin() {
  markExpired()
  return new Promise((resolve, reject) => waiting.push({ resolve, reject }))
}

// another tab of the console logged in again or out: this one follows, and a token it no longer
// has (logged out there) opens the re-login dialog over this page instead of dropping what is typed
window.addEventListener('storage', (e) => {
  if (e.key !== KEY) return
  const stored = JSON.parse(e.newValue || 'null')
  if (!stored?.token) {
    markExpired()
    return
  }
  Object.assign(session, stored, { expired: false })
  scheduleExpiry()
})

/** Reads the stored session and checks it with the server; an expired or refused one is dropped. */
export async function restoreSession() {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) || 'null')
    if (!stored?.token || stored.expiresAt <= Date.now()) {
      localStorage.removeItem(KEY)
      return
    }
    const res = await fetch('/api/v1/auth/me', { headers: { Authorization: `Bearer ${stored.token}` } })
    if (!res.ok) {
      localStorage.removeItem(KEY)
      return
    }
    const me = await res.json()
    Object.assign(session, stored, { username: me.subject, role: me.role, scope: me.scope || {}, expired: false })
    scheduleExpiry()
  } catch {
    localStorage.removeItem(KEY)
  }
}
