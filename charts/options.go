package charts

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// The parts of the ECharts options that go-echarts' types cannot say
// (false for a treemap's sort and nodeClick, a zero animation duration,
// an axis label's width and overflow) are typed here, and go-echarts puts
// them in place through its own hook: a ConfigurationVisitor, which it
// asks for each part of the options as it writes them. Nothing edits the
// options after go-echarts has made them.

// visitor gives go-echarts typed series, axes and grid where set, and
// go-echarts' own otherwise.
type visitor struct {
	charts.BaseConfigurationVisitor
	series       func(charts.MultiSeries) any
	xAxis, yAxis []axis
	grid         []grid
}

func (v visitor) VisitSeriesOpt(s charts.MultiSeries) any {
	if v.series != nil {
		return v.series(s)
	}
	return s
}

func (v visitor) VisitXAxis(x []opts.XAxis) any {
	if v.xAxis != nil {
		return v.xAxis
	}
	return x
}

func (v visitor) VisitYAxis(y []opts.YAxis) any {
	if v.yAxis != nil {
		return v.yAxis
	}
	return y
}

func (v visitor) VisitGrid(g []opts.Grid) any {
	if v.grid != nil {
		return v.grid
	}
	return g
}

// treemapSeries is the layer map's series: go-echarts' own, with the
// data and the switches it has no type for.
type treemapSeries struct {
	charts.SingleSeries
	Data []treeNode `json:"data"`
	// Sort false keeps layers and sections in the report's order, not the
	// size order a treemap would give them.
	Sort bool `json:"sort"`
	// NodeClick false: charts.js zooms on a click (treemapRootToNode);
	// ECharts' own zoomToNode waits for an animation that, with animation
	// off, never ends, and then ignores every click.
	NodeClick bool `json:"nodeClick"`
	// ECharts' treemap leaves old tiles drawn after a zoom when animation
	// is off (apache/echarts#15282): no animation at first, a short one
	// on a zoom.
	AnimationDuration       int `json:"animationDuration"`
	AnimationDurationUpdate int `json:"animationDurationUpdate"`
}

// treemapLevel styles one level of the map: its frame, the band with its
// name, and the names of its tiles.
type treemapLevel struct {
	ItemStyle  *levelStyle `json:"itemStyle,omitempty"`
	UpperLabel *levelLabel `json:"upperLabel,omitempty"`
	Label      *levelLabel `json:"label,omitempty"`
}

type levelStyle struct {
	BorderWidth int    `json:"borderWidth"`
	GapWidth    int    `json:"gapWidth"`
	Color       string `json:"color,omitempty"`
	BorderColor string `json:"borderColor,omitempty"`
}

type levelLabel struct {
	Show       bool   `json:"show"`
	Height     int    `json:"height,omitempty"`
	Color      string `json:"color"`
	FontSize   int    `json:"fontSize"`
	FontWeight string `json:"fontWeight,omitempty"`
	Overflow   string `json:"overflow"`
	Position   string `json:"position,omitempty"`
}

// ringSeries is the layers' ring: labels that would collide are hidden
// (the table and the tooltips have every number), and long names cut.
type ringSeries struct {
	charts.SingleSeries
	LabelLayout       labelLayout `json:"labelLayout"`
	AvoidLabelOverlap bool        `json:"avoidLabelOverlap"`
	MinShowLabelAngle int         `json:"minShowLabelAngle"`
	Label             ringLabel   `json:"label"`
}

type labelLayout struct {
	HideOverlap bool `json:"hideOverlap"`
}

type ringLabel struct {
	Show      bool   `json:"show"`
	Formatter string `json:"formatter"`
	Width     int    `json:"width"`
	Overflow  string `json:"overflow"`
}

// axis is a bar chart's axis: the categories, or the counts.
type axis struct {
	Type        string     `json:"type"`
	Data        []string   `json:"data,omitempty"`
	Inverse     bool       `json:"inverse,omitempty"`
	MinInterval int        `json:"minInterval,omitempty"`
	AxisLabel   *axisLabel `json:"axisLabel,omitempty"`
}

// axisLabel names every category (interval 0), cut to a width; charts.js
// narrows the width on a phone.
type axisLabel struct {
	Interval int    `json:"interval"`
	Rotate   int    `json:"rotate,omitempty"`
	Width    int    `json:"width"`
	Overflow string `json:"overflow"`
}

type grid struct {
	Left         int  `json:"left"`
	Right        int  `json:"right"`
	Top          int  `json:"top"`
	Bottom       int  `json:"bottom"`
	ContainLabel bool `json:"containLabel,omitempty"`
}
