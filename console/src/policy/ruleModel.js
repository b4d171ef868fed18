// The rule builder's editable tree and its conversion to and from the API's rule JSON
// (policy-index/README.md: all / any / not, leaves {field, op, value, clause}).

const NUMERIC_OPS = ['gte', 'gt', 'lte', 'lt', 'between', 'eq', 'in', 'exists']

export const FIELDS = [
  { value: 'regionCode', label: '行政区划', ops: ['prefix', 'eq', 'in', 'exists'], kind: 'codes', hint: '区划代码，多个用逗号分隔，如 330824' },
  { value: 'industryCode', label: '行业', ops: ['prefix', 'eq', 'in', 'exists'], kind: 'codes', hint: '门类字母或行业代码，如 C、39' },
  { value: 'sizeClass', label: '企业规模', ops: ['in', 'eq', 'exists'], kind: 'enum', options: ['LARGE', 'MEDIUM', 'SMALL', 'MICRO', 'UNCLASSIFIED'] },
  { value: 'creditStatus', label: '信用状态', ops: ['eq', 'in', 'exists'], kind: 'enum', options: ['NORMAL', 'SERIOUS_DISHONESTY'] },
  { value: 'tags', label: '资质标签', ops: ['hasAny', 'hasAll', 'exists'], kind: 'list', hint: '如 高新技术企业、专精特新' },
  { value: 'statTags', label: '统计标签', ops: ['hasAny', 'hasAll', 'exists'], kind: 'list', hint: '如 规上工业' },
  { value: 'yearsSinceEstablished', label: '成立年限（年）', ops: NUMERIC_OPS, kind: 'integer' },
  { value: 'employees', label: '从业人数', ops: NUMERIC_OPS, kind: 'integer' },
  { value: 'registeredCapital', label: '注册资本（万元）', ops: NUMERIC_OPS, kind: 'number' },
  { value: 'revenue', label: '营业收入（万元）', ops: NUMERIC_OPS, kind: 'number' },
  { value: 'assets', label: '资产总额（万元）', ops: NUMERIC_OPS, kind: 'number' },
  { value: 'rdExpense', label: '研发费用（万元）', ops: NUMERIC_OPS, kind: 'number' },
  { value: 'taxPaid', label: '纳税额（万元）', ops: NUMERIC_OPS, kind: 'number' },
  { value: 'rdRatio', label: '研发投入占比（小数）', ops: NUMERIC_OPS, kind: 'number' },
  { value: 'revenueGrowth', label: '营收增长率（小数）', ops: NUMERIC_OPS, kind: 'number' },
]

export const OP_LABELS = {
  prefix: '属于（前缀）', eq: '等于', in: '为其中之一', exists: '有数据', hasAny: '含任一', hasAll: '含全部',
  gte: '≥', gt: '>', lte: '≤', lt: '<', between: '介于（含）',
}

export const ENUM_LABELS = { LARGE: '大型', MEDIUM: '中型', SMALL: '小型', MICRO: '微型', UNCLASSIFIED: '未分类', NORMAL: '正常', SERIOUS_DISHONESTY: '严重失信' }

let nextId = 1

export function leaf(field = 'regionCode', op = 'prefix', text = '') {
  return { id: nextId++, kind: 'leaf', field, op, text, values: [], clause: '' }
}

export function group(kind = 'all', children = [leaf()]) {
  return { id: nextId++, kind, children }
}

export function fieldOf(name) {
  return FIELDS.find((f) => f.value === name) || FIELDS[0]
}

const LIST_OPS = ['prefix', 'in', 'hasAny', 'hasAll']
const split = (text) => String(text || '').split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean)

function leafValue(n) {
  const f = fieldOf(n.field)
  const num = (s) => (f.kind === 'integer' || f.kind === 'number' ? Number(s) : s)
  if (n.op === 'exists') return undefined
  if (f.kind === 'enum') return n.op === 'in' ? [...n.values] : n.values[0]
  if (n.op === 'between') return split(n.text).slice(0, 2).map(Number)
  if (LIST_OPS.includes(n.op)) return split(n.text).map(num)
  return num(String(n.text).trim())
}

/** The API's rule JSON of an editable tree. */
export function toRule(n) {
  if (n.kind === 'leaf') {
    const out = { field: n.field, op: n.op }
    const v = leafValue(n)
    if (v !== undefined) out.value = v
    if (n.clause) out.clause = n.clause
    return out
  }
  if (n.kind === 'not') return { not: toRule(n.children[0]) }
  return { [n.kind]: n.children.map(toRule) }
}

/** The editable tree of an API rule (an empty `all` when there is none). */
export function fromRule(r) {
  if (!r) return group('all')
  if (r.all) return group('all', r.all.map(fromRule))
  if (r.any) return group('any', r.any.map(fromRule))
  if (r.not) return group('not', [fromRule(r.not)])
  const n = leaf(r.field, r.op)
  n.clause = r.clause || ''
  const v = r.value
  if (fieldOf(r.field).kind === 'enum') n.values = Array.isArray(v) ? v : v === undefined ? [] : [v]
  else n.text = Array.isArray(v) ? v.join(',') : v === undefined ? '' : String(v)
  return n
}

/** A short Chinese reading of a rule, for the detail page. */
export function describe(r) {
  if (!r) return '（无）'
  if (r.all) return r.all.length === 1 ? describe(r.all[0]) : `（${r.all.map(describe).join(' 且 ')}）`
  if (r.any) return `（${r.any.map(describe).join(' 或 ')}）`
  if (r.not) return `非 ${describe(r.not)}`
  const f = fieldOf(r.field)
  const v = Array.isArray(r.value) ? r.value.map((x) => ENUM_LABELS[x] || x).join('、') : ENUM_LABELS[r.value] || r.value
  return `${f.label}${OP_LABELS[r.op] || r.op}${r.op === 'exists' ? '' : ' ' + v}`
}
