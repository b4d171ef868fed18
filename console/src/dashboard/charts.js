// The dashboard's ECharts options, built from the API's answers (one function per chart).

const STAGE_LABELS = { pushed: '推送', delivered: '送达', opened: '打开', applied: '申请', granted: '获批', paid: '兑付' }

export function coverageGauge(totals) {
  const share = totals.firms ? (totals.assigned / totals.firms) * 100 : 0
  return {
    series: [{
      type: 'gauge', min: 0, max: 100, radius: '95%', progress: { show: true, width: 12 }, axisLine: { lineStyle: { width: 12 } },
      axisLabel: { show: false }, splitLine: { length: 6 }, axisTick: { show: false }, pointer: { show: false },
      title: { offsetCenter: [0, '35%'], fontSize: 12 }, detail: { formatter: '{value}%', fontSize: 20, offsetCenter: [0, '-5%'] },
      data: [{ value: Number(share.toFixed(1)), name: '包联覆盖率' }],
    }],
  }
}

export function visitsBar(cells) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['应走访', '已走访', '逾期'] },
    grid: { left: 40, right: 10, bottom: 60, top: 30 },
    xAxis: { type: 'category', data: cells.map((c) => c.name || c.cell), axisLabel: { rotate: 40 } },
    yAxis: { type: 'value' },
    series: [
      { name: '应走访', type: 'bar', data: cells.map((c) => c.requiredVisits || 0) },
      { name: '已走访', type: 'bar', data: cells.map((c) => c.doneVisits || 0) },
      { name: '逾期', type: 'bar', data: cells.map((c) => c.overdue || 0), itemStyle: { color: '#cf1322' } },
    ],
  }
}

export function problemsBar(cells) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['未办结', '其中超期'] },
    grid: { left: 40, right: 10, bottom: 60, top: 30 },
    xAxis: { type: 'category', data: cells.map((c) => c.name || c.cell), axisLabel: { rotate: 40 } },
    yAxis: { type: 'value' },
    series: [
      { name: '未办结', type: 'bar', data: cells.map((c) => c.openProblems || 0) },
      { name: '其中超期', type: 'bar', data: cells.map((c) => c.overdueProblems || 0), itemStyle: { color: '#cf1322' } },
    ],
  }
}

export function funnelChart(funnel) {
  return {
    tooltip: { trigger: 'item' },
    series: [{
      type: 'funnel', sort: 'none', left: 10, right: 10, top: 10, bottom: 10, minSize: '8%',
      label: { formatter: '{b}：{c}' },
      data: funnel.stages.map((s) => ({ name: STAGE_LABELS[s] || s, value: funnel.total[s] || 0 })),
    }],
  }
}

export function reachBar(policies) {
  const rows = [...policies].sort((a, b) => (b.matched?.eligible || 0) - (a.matched?.eligible || 0)).slice(0, 12)
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['符合条件', '待补充数据'] },
    grid: { left: 150, right: 20, top: 30, bottom: 20 },
    yAxis: { type: 'category', data: rows.map((p) => p.title), inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
    xAxis: { type: 'value' },
    series: [
      { name: '符合条件', type: 'bar', stack: 'm', data: rows.map((p) => p.matched?.eligible || 0) },
      { name: '待补充数据', type: 'bar', stack: 'm', data: rows.map((p) => p.matched?.unknown || 0), itemStyle: { color: '#faad14' } },
    ],
  }
}

export function fundsBar(byDepartment) {
  const names = Object.keys(byDepartment)
  const short = (n) => n.replace(/^开化县/, '')
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${v} 万元` },
    legend: { data: ['已兑付', '已预留', '剩余'] },
    grid: { left: 50, right: 10, top: 30, bottom: 60 },
    xAxis: { type: 'category', data: names.map(short), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', name: '万元' },
    series: [
      { name: '已兑付', type: 'bar', stack: 'f', data: names.map((n) => round(byDepartment[n].paid)) },
      { name: '已预留', type: 'bar', stack: 'f', data: names.map((n) => round(byDepartment[n].reserved)) },
      { name: '剩余', type: 'bar', stack: 'f', data: names.map((n) => round(byDepartment[n].remaining)), itemStyle: { color: '#d9d9d9' } },
    ],
  }
}

export const round = (x) => Math.round((x || 0) * 100) / 100
