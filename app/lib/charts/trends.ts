// The dashboard's two trends, drawn with ECharts (only the parts used: line, bar, grid, tooltip, SVG
// renderer). Loaded on the administration's today page only ($lib/lazy), never by the kiosk.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export interface TrendInput {
	/** Completeness per day: [date, kept share 0–100 or null]. */
	completeness: [string, number | null][];
	/** Exceptions of the range by kind: [label, count]. */
	exceptions: [string, number][];
	labels: { completeness: string; exceptions: string };
}

/** Draws both charts into their elements; returns a function that frees them. */
export function drawTrends(completenessEl: HTMLElement, exceptionsEl: HTMLElement, input: TrendInput): () => void {
	const line = echarts.init(completenessEl, undefined, { renderer: 'svg' });
	line.setOption({
		tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (value === null || value === undefined ? '—' : `${value}%`) },
		grid: { left: 40, right: 12, top: 16, bottom: 28 },
		xAxis: { type: 'category', data: input.completeness.map(([date]) => date.slice(5)) },
		yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
		series: [{ name: input.labels.completeness, type: 'line', data: input.completeness.map(([, value]) => value), connectNulls: false, areaStyle: { opacity: 0.15 } }]
	});
	const bars = echarts.init(exceptionsEl, undefined, { renderer: 'svg' });
	bars.setOption({
		tooltip: { trigger: 'axis' },
		grid: { left: 120, right: 16, top: 8, bottom: 24 },
		xAxis: { type: 'value', minInterval: 1 },
		yAxis: { type: 'category', data: input.exceptions.map(([label]) => label), inverse: true },
		series: [{ name: input.labels.exceptions, type: 'bar', data: input.exceptions.map(([, count]) => count) }]
	});
	return () => {
		line.dispose();
		bars.dispose();
	};
}
