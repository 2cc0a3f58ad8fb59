// The parts of ECharts that Panorama's charts use, and nothing else: a
// treemap (the layer map), bars, a pie (ring), with titles, tooltips,
// legends, the save-as-image toolbox and the canvas renderer. build.sh
// bundles this into ../assets/vendor/echarts-panorama.min.js, which sets
// window.echarts as the full build does.
import * as echarts from "echarts/core";
import { TreemapChart, BarChart, PieChart } from "echarts/charts";
import {
  TitleComponent,
  TooltipComponent,
  LegendComponent,
  GridComponent,
  ToolboxComponent,
  AriaComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  TreemapChart, BarChart, PieChart,
  TitleComponent, TooltipComponent, LegendComponent, GridComponent, ToolboxComponent, AriaComponent,
  CanvasRenderer,
]);

window.echarts = echarts;
