// The Chinese names of the API's codes.

export const SIZE_LABELS = { LARGE: '大型', MEDIUM: '中型', SMALL: '小型', MICRO: '微型', UNCLASSIFIED: '未分类' }

export const SOURCE_LABELS = { REGISTRY: '登记导入', SELF_REPORTED: '企业自报', VERIFIED: '网格员核实' }

export const CREDIT_LABELS = { NORMAL: '正常', SERIOUS_DISHONESTY: '严重失信' }

export const POLICY_STATUS = { DRAFT: '草稿', IN_REVIEW: '待审核', PUBLISHED: '已发布', CLOSED: '已关闭' }

export const MODE_LABELS = { AUTO_GRANT: '免申即享', ONE_CLICK: '一键兑现', REVIEW: '审核兑现' }

export const FIELD_LABELS = {
  uscc: '统一社会信用代码', name: '企业名称', regionCode: '行政区划', address: '地址', location: '位置',
  industryCode: '行业代码', establishedOn: '成立日期', registeredCapital: '注册资本（万元）', employees: '从业人数',
  financials: '财务数据', tags: '资质标签', creditStatus: '信用状态', liaisonId: '包联网格员',
  revenue: '营业收入（万元）', assets: '资产总额（万元）', rdExpense: '研发费用（万元）', taxPaid: '纳税额（万元）',
  sizeClass: '规模', statTags: '统计标签', yearsSinceEstablished: '成立年限', rdRatio: '研发投入占比', revenueGrowth: '营收增长率',
}

export function fieldLabel(f) {
  if (FIELD_LABELS[f]) return FIELD_LABELS[f]
  const m = /^financials\.(\d{4})\.(\w+)$/.exec(f || '')
  if (m) return `${m[1]} 年${FIELD_LABELS[m[2]] || m[2]}`
  return f
}

export function fmtTime(s) {
  if (!s) return ''
  const d = new Date(s)
  return Number.isNaN(d.getTime()) ? s : d.toLocaleString('zh-CN', { hour12: false })
}

export function percent(x) {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`
}
