// The public cases map: the city's grid and each public case at its approximate point. The list below
// the map is the page without this script.
(function () {
  'use strict';
  var box = document.getElementById('cases-map');
  if (!box || !window.L) { return; }
  document.documentElement.classList.add('js');
  var map = L.map(box);
  function json(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : null; });
  }
  json(box.getAttribute('data-grid')).then(function (grid) {
    if (!grid || !grid.features || !grid.features.length) { map.setView([32.05, 118.8], 12); return; }
    var layer = L.geoJSON(grid, { style: { color: '#0b6e4f', weight: 1, fillOpacity: 0.04 }, interactive: false }).addTo(map);
    map.fitBounds(layer.getBounds());
    return json(box.getAttribute('data-cases'));
  }).then(function (cases) {
    if (!cases) { return; }
    L.geoJSON(cases, {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: 7, weight: 2, color: f.properties.finished ? '#5d6b64' : '#c77700',
          fillOpacity: 0.7 });
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        var div = document.createElement('div');
        var a = document.createElement('a');
        a.href = p.url;
        a.textContent = p.category;
        div.appendChild(a);
        div.appendChild(document.createElement('br'));
        div.appendChild(document.createTextNode(p.state + ' · ' + p.age));
        l.bindPopup(div);
      }
    }).addTo(map);
  });
}());
