import writeXlsxFile from 'write-excel-file'

// Exports what a filtered table shows (every row of the filter, not only the page on screen).
// `columns`: [{ title, value: (row) => string | number | null }].

function cell(v) {
  return v === null || v === undefined ? '' : v
}

function download(blob, fileName) {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 10000)
}

/** CSV in UTF-8 with a BOM, so Excel on a Chinese Windows PC opens it without garbled text. */
export function toCsv(columns, rows) {
  const quote = (v) => {
    const s = String(cell(v))
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const lines = [columns.map((c) => quote(c.title)).join(',')]
  for (const r of rows) lines.push(columns.map((c) => quote(c.value(r))).join(','))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}

export function exportCsv(columns, rows, baseName) {
  download(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }), `${baseName}.csv`)
}

export async function exportXlsx(columns, rows, baseName) {
  const data = [
    columns.map((c) => ({ value: c.title, fontWeight: 'bold' })),
    ...rows.map((r) =>
      columns.map((c) => {
        const v = cell(c.value(r))
        return typeof v === 'number' ? { type: Number, value: v } : { type: String, value: String(v) }
      }),
    ),
  ]
  const blob = await writeXlsxFile(data, { columns: columns.map((c) => ({ width: c.width || 16 })) })
  download(blob, `${baseName}.xlsx`)
}
