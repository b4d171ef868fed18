import { SIZE_LABELS, CREDIT_LABELS } from '../shared/labels.js'

/** An industry's most precise name the profile derived (class, else group, division, section). */
export function industryName(p) {
  const ind = p.derived?.industry || {}
  for (const level of ['class', 'group', 'division', 'section']) {
    if (ind[level]?.name) return `${ind[level].name}（${ind[level].code}）`
  }
  return p.industryCode || ''
}

export function latestRevenue(p) {
  const years = (p.financials || []).filter((f) => f.revenue !== undefined && f.revenue !== null)
  if (!years.length) return null
  return years.reduce((a, b) => (a.year > b.year ? a : b)).revenue
}

/** The listing's columns, shared by the table and the export (CSV, XLSX). */
export const ENTERPRISE_COLUMNS = [
  { title: '统一社会信用代码', key: 'uscc', value: (p) => p.uscc, width: 22 },
  { title: '企业名称', key: 'name', value: (p) => p.name, width: 30 },
  { title: '乡镇（街道）', key: 'township', value: (p) => p.derived?.townshipName || '' },
  { title: '行业', key: 'industry', value: industryName, width: 28 },
  { title: '规模', key: 'size', value: (p) => SIZE_LABELS[p.derived?.sizeClass] || '' },
  { title: '资质标签', key: 'tags', value: (p) => [...(p.tags || []), ...(p.derived?.statTags || [])].join('、'), width: 24 },
  { title: '信用状态', key: 'credit', value: (p) => CREDIT_LABELS[p.creditStatus] || p.creditStatus || '' },
  { title: '最近年度营收（万元）', key: 'revenue', value: latestRevenue },
  { title: '包联网格员', key: 'liaison', value: (p) => p.liaisonId || '' },
  { title: '画像完整度', key: 'completeness', value: (p) => (p.completeness ? Math.round(p.completeness.score) : null) },
]
