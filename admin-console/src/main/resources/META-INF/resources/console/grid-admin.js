// The administrator's grid pages (Leaflet from the WebJar): browse the layout in force level by level, by name,
// and look a point up by clicking; draw an uploaded draft with the features its check found fault with in red.
// The pages work without this script (the lists say everything); no inline code, nothing from other origins.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  function get(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; });
  }

  function add(parent, tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    if (className) { el.className = className; }
    parent.appendChild(el);
    return el;
  }

  // ---- browsing the layout in force ----
  var browse = document.getElementById('grid-map');
  if (browse && window.L) {
    var map = L.map(browse);
    var layer = null;
    var fitted = false;
    var out = document.getElementById('looked-up');
    var show = function (level) {
      get(browse.getAttribute('data-grid') + '?level=' + encodeURIComponent(level)).then(function (grid) {
        if (layer) { map.removeLayer(layer); }
        if (!grid || !grid.features || !grid.features.length) { map.setView([32.05, 118.8], 11); return; }
        layer = L.geoJSON(grid, {
          style: function (f) {
            var p = f.properties;
            return { color: '#0b6e4f', weight: level === 'management' ? 1 : 2,
              fillOpacity: p.keyArea || p.areaClass === 'core' ? 0.18 : 0.05 };
          },
          onEachFeature: function (f, l) {
            var p = f.properties;
            l.bindTooltip(p.name + ' · ' + p.code + (p.areaClass ? ' · ' + p.areaClass : ''), { sticky: true });
          }
        }).addTo(map);
        browse.setAttribute('data-features', String(grid.features.length));
        if (!fitted) { map.fitBounds(layer.getBounds()); fitted = true; }
      });
    };
    var buttons = document.querySelectorAll('#levels button');
    Array.prototype.forEach.call(buttons, function (b) {
      b.addEventListener('click', function () {
        Array.prototype.forEach.call(buttons, function (o) { o.setAttribute('aria-pressed', String(o === b)); });
        show(b.getAttribute('data-level'));
      });
    });
    show(buttons.length ? buttons[0].getAttribute('data-level') : 'district');
    var marker = null;
    map.on('click', function (e) {
      if (marker) { marker.setLatLng(e.latlng); } else {
        marker = L.circleMarker(e.latlng, { radius: 8, color: '#b3261e', weight: 3, fillOpacity: 0.6 }).addTo(map);
      }
      get('/console/map/locate?lon=' + e.latlng.lng.toFixed(6) + '&lat=' + e.latlng.lat.toFixed(6)).then(function (at) {
        out.innerHTML = '';
        if (!at) { add(out, 'p', out.getAttribute('data-outside'), 'error'); return; }
        var list = add(out, 'ul');
        list.id = 'looked-up-places';
        at.places.forEach(function (p) {
          var li = add(list, 'li');
          add(li, 'strong', p.name);
          add(li, 'span', ' ' + p.levelZh + ' · ');
          add(li, 'code', p.code, 'hint');
          li.setAttribute('data-level', p.level);
        });
      });
    });
  }

  // ---- an uploaded draft ----
  var draft = document.getElementById('draft-map');
  if (draft && window.L) {
    var dmap = L.map(draft);
    get(draft.getAttribute('data-map')).then(function (data) {
      if (!data || !data.features.length) { dmap.setView([32.05, 118.8], 11); return; }
      var faulty = 0;
      var drawn = L.geoJSON(data, {
        style: function (f) {
          return f.properties.problem ? { color: '#b3261e', weight: 3, fillOpacity: 0.35 }
            : { color: '#0b6e4f', weight: 1, fillOpacity: 0.04 };
        },
        onEachFeature: function (f, l) {
          var p = f.properties;
          if (p.problem) { faulty++; }
          l.bindTooltip('#' + (p.index + 1) + ' ' + (p.name || '') + ' · ' + (p.code || '?'), { sticky: true });
        }
      }).addTo(dmap);
      draft.setAttribute('data-features', String(data.features.length));
      draft.setAttribute('data-faulty', String(faulty));
      try { dmap.fitBounds(drawn.getBounds()); } catch (e) { dmap.setView([32.05, 118.8], 11); }
    });
  }
}());
