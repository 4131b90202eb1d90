// The console's maps (Leaflet from the WebJar): the report form's point picker, which shows by name where
// the point lies before the report is sent, the case page's small map, and a queue's grid picked on a map. Pages work without this script
// (lon/lat fields, the grid's names in the details); no inline code, nothing from other origins (CSP 'self').
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  function text(el, s) { el.textContent = s; return el; }

  // ---- the report form ----
  var pick = document.getElementById('report-map');
  if (pick && window.L) {
    var lon = document.getElementById('lon');
    var lat = document.getElementById('lat');
    var crs = document.getElementById('crs');
    var located = document.getElementById('located');
    var map = L.map(pick);
    var marker = null;
    var asked = null;

    var place = function (latlng) {
      if (marker) { marker.setLatLng(latlng); } else {
        marker = L.circleMarker(latlng, { radius: 9, color: '#b3261e', weight: 3, fillOpacity: 0.6 }).addTo(map);
      }
    };

    // Names of the district, street, community, management grid and unit the point lies in, from the
    // service's own locator: what the intake will record.
    var locate = function () {
      if (!lon.value || !lat.value) { return; }
      var q = '?lon=' + encodeURIComponent(lon.value) + '&lat=' + encodeURIComponent(lat.value)
        + '&crs=' + encodeURIComponent(crs.value);
      asked = q;
      fetch('/console/map/locate' + q, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (at) {
          if (asked !== q) { return; }
          located.innerHTML = '';
          if (!at) { located.appendChild(text(document.createElement('p'), located.getAttribute('data-outside'))).className = 'error'; return; }
          var list = document.createElement('ul');
          list.id = 'located-places';
          at.places.forEach(function (p) {
            var li = document.createElement('li');
            li.appendChild(text(document.createElement('strong'), p.name));
            li.appendChild(text(document.createElement('span'), ' ' + p.levelZh + ' · '));
            li.appendChild(text(document.createElement('code'), p.code)).className = 'hint';
            li.setAttribute('data-level', p.level);
            list.appendChild(li);
          });
          located.appendChild(list);
          place([at.lat, at.lon]);
        });
    };

    fetch(pick.getAttribute('data-grid'), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (grid) {
        if (!grid || !grid.features || !grid.features.length) { map.setView([32.05, 118.8], 12); return; }
        var layer = L.geoJSON(grid, {
          style: { color: '#0b6e4f', weight: 1, fillOpacity: 0.05 },
          onEachFeature: function (f, l) { l.bindTooltip(f.properties.name, { sticky: true }); }
        }).addTo(map);
        map.fitBounds(layer.getBounds());
        if (lon.value && lat.value) { locate(); }
      });
    map.on('click', function (e) {
      lon.value = e.latlng.lng.toFixed(6);
      lat.value = e.latlng.lat.toFixed(6);
      crs.value = 'wgs84';
      place(e.latlng);
      locate();
    });
    [lon, lat, crs].forEach(function (el) { el.addEventListener('change', locate); });
    var here = document.getElementById('use-location');
    if (here) {
      here.addEventListener('click', function () {
        if (!navigator.geolocation) { return; }
        navigator.geolocation.getCurrentPosition(function (pos) {
          lon.value = pos.coords.longitude.toFixed(6);
          lat.value = pos.coords.latitude.toFixed(6);
          crs.value = 'wgs84';
          locate();
          map.setView([pos.coords.latitude, pos.coords.longitude], 16);
        });
      });
    }
  }

  // ---- the case page ----
  var small = document.getElementById('case-map');
  if (small && window.L) {
    var cmap = L.map(small, { scrollWheelZoom: false });
    fetch(small.getAttribute('data-map'), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var layer = L.geoJSON(data, {
          style: function (f) {
            // Leaflet applies this style to the points' circle markers too: keep the case red, the nearby orange.
            if (f.geometry && f.geometry.type === 'Point') {
              return { color: f.properties.kind === 'case' ? '#b3261e' : '#c77700', weight: 3, fillOpacity: 0.7 };
            }
            return f.properties.current ? { color: '#1d3b72', weight: 3, fillOpacity: 0.25 }
              : { color: '#0b6e4f', weight: 1, fillOpacity: 0.04 };
          },
          pointToLayer: function (f, at) {
            var own = f.properties.kind === 'case';
            return L.circleMarker(at, { radius: own ? 8 : 6, color: own ? '#b3261e' : '#c77700', weight: 3, fillOpacity: 0.7 });
          },
          onEachFeature: function (f, l) {
            var p = f.properties;
            l.bindTooltip(p.kind === 'unit' ? p.name + ' · ' + p.code : p.number + ' · ' + p.state);
            if (p.kind === 'nearby') { l.on('click', function () { window.location.href = '/console/cases/' + encodeURIComponent(p.number); }); }
          }
        }).addTo(cmap);
        small.setAttribute('data-features', String(data.features.length));
        cmap.fitBounds(layer.getBounds(), { maxZoom: 17 });
      });
  }

  // ---- a queue's grid filter: the grid of the chosen level under a click ----
  var qdiv = document.getElementById('queue-map');
  if (qdiv && window.L) {
    var picker = document.getElementById('grid-map-picker');
    var level = document.getElementById('map-level');
    var chosen = document.getElementById('grid-filter');
    var note = document.getElementById('queue-map-note');
    var qmap = null;
    var qlayer = null;
    var qfitted = false;
    var draw = function () {
      fetch(qdiv.getAttribute('data-grid') + '?level=' + encodeURIComponent(level.value), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (grid) {
          if (qlayer) { qmap.removeLayer(qlayer); }
          if (!grid || !grid.features || !grid.features.length) { qmap.setView([32.05, 118.8], 11); return; }
          qlayer = L.geoJSON(grid, {
            style: function (f) {
              var on = f.properties.code === chosen.value;
              return { color: on ? '#1d3b72' : '#0b6e4f', weight: on ? 3 : 1, fillOpacity: on ? 0.25 : 0.05 };
            },
            onEachFeature: function (f, l) { l.bindTooltip(f.properties.name + ' · ' + f.properties.code, { sticky: true }); }
          }).addTo(qmap);
          qdiv.setAttribute('data-features', String(grid.features.length));
          if (!qfitted) { qmap.fitBounds(qlayer.getBounds()); qfitted = true; }
        });
    };
    // The service's locator names the unit of every level under the point; the chosen level's becomes the filter.
    var pickAt = function (latlng) {
      fetch('/console/map/locate?lon=' + latlng.lng.toFixed(6) + '&lat=' + latlng.lat.toFixed(6),
        { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (at) {
          var hit = at && at.places.filter(function (p) { return p.level === level.value; })[0];
          if (!hit) { note.textContent = note.getAttribute('data-outside'); note.className = 'error'; return; }
          var known = Array.prototype.some.call(chosen.options, function (o) { return o.value === hit.code; });
          if (!known) {
            var o = document.createElement('option');
            o.value = hit.code;
            o.textContent = hit.name + ' · ' + hit.code;
            chosen.appendChild(o);
          }
          chosen.value = hit.code;
          chosen.form.submit();
        });
    };
    var open = function () {
      if (qmap || !picker.open) { return; }
      qmap = L.map(qdiv, { scrollWheelZoom: false });
      qmap.on('click', function (e) { pickAt(e.latlng); });
      draw();
    };
    level.addEventListener('change', function () { if (qmap) { draw(); } });
    picker.addEventListener('toggle', open);
    open();
  }
}());
