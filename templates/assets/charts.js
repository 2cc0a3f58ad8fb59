// Draws every chart on the page from its data: a JSON island in the page, or
// for a map of every project a script of its own. Options arrive as
// data, never as code; tooltips are built here from plain text and escaped,
// so nothing in project data can become markup.
//
// ECharts itself (a fifth of a megabyte) loads only when a chart comes
// within a screen of the viewport, so a long page, such as a landscape of
// thousands of projects above its map, does not fetch it before it is
// needed.
(function () {
  'use strict';
  var SEP = '\u001f';
  var me = document.currentScript;
  var base = me ? me.src.replace(/assets\/charts\.js(\?.*)?$/, '') : '';

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // key identifies an item the way the generator did: the names on its path
  // for the layer map (without the series' own root), else its name.
  function key(p) {
    if (p.treePathInfo) {
      return p.treePathInfo.slice(1).map(function (n) { return n.name; }).join(SEP);
    }
    return p.name;
  }

  // withSpec gives a chart's data: from its island in the page, or from the
  // script the island names (a map of thousands of projects is
  // loaded with its chart, not with the page), a script because pages
  // opened from file:// may load scripts but not fetch files.
  function withSpec(el, then) {
    var island = document.getElementById(el.getAttribute('data-chart'));
    if (!island) return;
    var src = island.getAttribute('data-src'), key = island.getAttribute('data-key');
    if (!src) return then(JSON.parse(island.textContent));
    load(src, key, function (spec) {
      if (!spec.parts) return then(spec);
      // A map made of the maps of its layers, whose files sit beside its own.
      var prefix = src.slice(0, src.lastIndexOf(key)), left = spec.parts.length;
      spec.parts.forEach(function (p) {
        load(prefix + p.k + '?v=' + p.v, p.k, function () { if (--left === 0) then(joined(spec)); });
      });
    });
  }

  // load runs the script at src, once, and gives what it filed under key.
  function load(src, key, then) {
    var have = function () { return (window.PANORAMA_CHARTS || {})[key]; };
    if (have()) return then(have());
    var s = document.createElement('script');
    s.src = src;
    s.onload = function () { if (have()) then(have()); };
    document.head.appendChild(s);
  }

  // joined puts a map's parts in it: their layers, in order, with their
  // links and tips.
  function joined(spec) {
    if (!spec.parts) return spec; // joined already, for another chart
    var series = spec.option.series[0];
    series.data = [];
    spec.links = spec.links || {};
    spec.tips = spec.tips || {};
    spec.parts.forEach(function (p) {
      var part = window.PANORAMA_CHARTS[p.k];
      series.data = series.data.concat(part.option.series[0].data);
      Object.assign(spec.links, part.links);
      Object.assign(spec.tips, part.tips);
    });
    delete spec.parts;
    return spec;
  }

  function init(el, spec) {
    if (typeof echarts === 'undefined') return;
    var root = el.getAttribute('data-root') || '';
    var links = spec.links || {};
    var tips = spec.tips || {};
    var option = spec.option;
    option.tooltip = option.tooltip || {};
    option.tooltip.confine = true;
    option.tooltip.formatter = function (p) {
      var t = tips[key(p)];
      if (!t && p.treePathInfo && p.treePathInfo.length > 2) {
        // A project of the map: its name and place.
        t = [p.name, p.treePathInfo.slice(1, -1).map(function (n) { return n.name; }).join(' › ')];
      }
      if (t) {
        return '<strong>' + esc(t[0]) + '</strong>' + (t[1] ? '<br>' + esc(t[1]) : '') +
          (t[2] ? '<br><span class="chart-tip">' + esc(t[2]) + '</span>' : '');
      }
      var name = p.seriesName && p.seriesName !== p.name && p.componentSubType === 'bar' ? p.seriesName + ': ' : '';
      return esc(p.name) + '<br>' + esc(name) + esc(p.value);
    };
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    // Each time a drawing (and its animation) ends, a count goes up: for
    // scripts and tests that wait for the chart to be still.
    var settled = 0;
    chart.on('finished', function () { el.setAttribute('data-settled', String(++settled)); });
    fitNames(option, el);
    chart.setOption(option);
    chart.on('click', function (p) {
      if (p.selfType === 'breadcrumb') return; // the treemap zooms out
      var hasChildren = p.data && p.data.children && p.data.children.length;
      if (spec.leafLinks && hasChildren) {
        // A layer or section of the map: zoom into it.
        if (p.seriesType === 'treemap') {
          var series = chart.getModel().getSeriesByIndex(p.seriesIndex);
          chart.dispatchAction({ type: 'treemapRootToNode', seriesIndex: p.seriesIndex, targetNode: series.getData().tree.getNodeByDataIndex(p.dataIndex) });
        }
        return;
      }
      var url = (p.data && p.data.link) || links[key(p)];
      if (url) window.location.href = root + url;
    });
    window.addEventListener('resize', function () {
      if (fitNames(option, el)) chart.setOption({ grid: option.grid, yAxis: option.yAxis });
      chart.resize();
    });
    el.setAttribute('data-drawn', 'true');
  }

  // fitNames gives a horizontal bar chart's names at most two fifths of
  // its width, so on a phone the bars keep room (longer names are cut, the
  // table has them whole); it says whether it changed the option.
  function fitNames(option, el) {
    var grid = option.grid && option.grid[0], axis = option.yAxis && option.yAxis[0];
    if (!grid || !axis || axis.type !== 'category' || !axis.axisLabel || !axis.axisLabel.width) return false;
    if (axis.fullWidth === undefined) axis.fullWidth = axis.axisLabel.width;
    var width = Math.min(axis.fullWidth, Math.max(48, Math.floor(el.clientWidth * 0.4) - 16));
    if (width === axis.axisLabel.width) return false;
    axis.axisLabel.width = width;
    grid.left = width + 16;
    return true;
  }

  var loading = null;
  function withECharts(then) {
    if (typeof echarts !== 'undefined') return then();
    if (!loading) {
      loading = [];
      var s = document.createElement('script');
      s.src = base + 'assets/vendor/echarts-panorama.min.js';
      // The charts are drawn in a task of their own, a frame after the
      // library's: evaluating it and drawing a map of thousands of
      // projects were one task of a second on a slow phone.
      s.onload = function () {
        var draw = function () { loading.forEach(function (f) { f(); }); loading = []; };
        if ('requestAnimationFrame' in window) requestAnimationFrame(function () { setTimeout(draw, 0); });
        else setTimeout(draw, 0);
      };
      document.head.appendChild(s);
    }
    loading.push(then);
  }

  function start() {
    var els = document.querySelectorAll('[data-chart]');
    var draw = function (el) {
      withSpec(el, function (spec) {
        withECharts(function () { if (!el.hasAttribute('data-drawn')) init(el, spec); });
      });
    };
    if (!('IntersectionObserver' in window)) {
      for (var i = 0; i < els.length; i++) draw(els[i]);
      return;
    }
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { seen.unobserve(e.target); draw(e.target); }
      });
    }, { rootMargin: '100% 0px' });
    for (var j = 0; j < els.length; j++) seen.observe(els[j]);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
