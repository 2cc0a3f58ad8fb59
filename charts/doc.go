// Package charts turns validated report data into chart options built with
// go-echarts, together with the same data as an HTML table. It does no file
// I/O and writes no page markup: the generator's templates place each chart.
//
// Options are never inlined as JavaScript. Each chart's Spec is JSON encoded
// with HTML escaping on (so no project text can close a <script> element),
// meant for a <script type="application/json"> data island that
// templates/assets/charts.js reads with JSON.parse, or, for a chart whose
// Src is set, for a script of its own that files the same JSON as data
// (the generator writes it). Tooltips are built in templates/assets/charts.js
// from plain text fields and escaped there.
package charts
