// The ranking chart of a run page: a horizontal bar per target from the element's data attributes (no inline script).
(function () {
  var el = document.getElementById('ranking-chart');
  if (!el || typeof echarts === 'undefined') {
    return;
  }
  var names = JSON.parse(el.getAttribute('data-names') || '[]');
  var totals = JSON.parse(el.getAttribute('data-totals') || '[]');
  el.style.height = Math.max(160, names.length * 28 + 60) + 'px';
  var chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', data: names.slice().reverse(), axisLabel: { width: 110, overflow: 'truncate' } },
    tooltip: { trigger: 'axis' },
    series: [{ name: el.getAttribute('data-label'), type: 'bar', data: totals.map(Number).reverse(), label: { show: true, position: 'right' } }]
  });
  window.addEventListener('resize', function () { chart.resize(); });
}());
