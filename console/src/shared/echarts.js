// Only the chart kinds the console draws, so the bundle carries no more of ECharts than that.
import * as echarts from 'echarts/core'
import { BarChart, PieChart, FunnelChart, GaugeChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, LegendComponent, TitleComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, PieChart, FunnelChart, GaugeChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, CanvasRenderer])

export { echarts }
