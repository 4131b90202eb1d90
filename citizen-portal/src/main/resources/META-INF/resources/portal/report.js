// The report form's map, location, nearby cases and photo thumbnails. The form works without this
// script (lon/lat fields, the server shows nearby cases before storing); this only makes it easier.
// No inline code and nothing from other origins: the pages' Content-Security-Policy allows 'self' only.
(function () {
  'use strict';
  var form = document.getElementById('report-form');
  if (!form) { return; }
  document.documentElement.classList.add('js');
  var city = form.getAttribute('data-city');
  var lon = document.getElementById('lon');
  var lat = document.getElementById('lat');
  var crs = document.getElementById('crs');
  var confirm = document.getElementById('confirm');
  var nearby = document.getElementById('nearby');
  var status = document.getElementById('locate-status');
  var marker = null;
  var map = null;
  var pending = null;

  function category() {
    var checked = form.querySelector('input[name="category"]:checked');
    return checked ? checked.value : '';
  }

  function place(latlng) {
    if (!map) { return; }
    if (marker) { marker.setLatLng(latlng); } else {
      marker = L.circleMarker(latlng, { radius: 9, color: '#b3261e', weight: 3, fillOpacity: 0.6 }).addTo(map);
    }
  }

  // Asks the service where the point lies and which open cases of the category are near it; the answer is
  // a piece of the form, written by the server (escaped there), with the point in WGS84 for the marker.
  function refresh() {
    if (!lon.value || !lat.value) { return; }
    var q = '?category=' + encodeURIComponent(category()) + '&lon=' + encodeURIComponent(lon.value)
      + '&lat=' + encodeURIComponent(lat.value) + '&crs=' + encodeURIComponent(crs.value);
    var asked = q;
    pending = asked;
    fetch('/c/' + city + '/report/nearby' + q, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : ''; })
      .then(function (html) {
        if (pending !== asked) { return; }
        nearby.innerHTML = html;
        // The visitor has now seen what is nearby: sending is a new report on purpose.
        confirm.value = '1';
        var result = document.getElementById('nearby-result');
        if (result && result.getAttribute('data-lon')) {
          var at = [parseFloat(result.getAttribute('data-lat')), parseFloat(result.getAttribute('data-lon'))];
          place(at);
          if (map) { map.setView(at, Math.max(map.getZoom(), 16)); }
        }
      });
  }

  var mapBox = document.getElementById('map');
  if (mapBox && window.L) {
    map = L.map(mapBox, { zoomControl: true, attributionControl: true });
    var tiles = mapBox.getAttribute('data-tiles');
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: mapBox.getAttribute('data-attribution') || '' }).addTo(map);
    }
    fetch(mapBox.getAttribute('data-grid'), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (grid) {
        if (!grid || !grid.features || !grid.features.length) { map.setView([32.05, 118.8], 12); return; }
        var layer = L.geoJSON(grid, {
          style: { color: '#0b6e4f', weight: 1, fillOpacity: 0.05 },
          onEachFeature: function (f, l) { l.bindTooltip(f.properties.name, { sticky: true }); }
        }).addTo(map);
        map.fitBounds(layer.getBounds());
        if (lon.value && lat.value && crs.value === 'wgs84') {
          place([parseFloat(lat.value), parseFloat(lon.value)]);
        }
      });
    map.on('click', function (e) {
      lon.value = e.latlng.lng.toFixed(6);
      lat.value = e.latlng.lat.toFixed(6);
      crs.value = 'wgs84';
      place(e.latlng);
      refresh();
    });
    // A layer's click (the grid polygons) reaches the map as well.
  }

  var locate = document.getElementById('locate');
  if (locate) {
    if (!navigator.geolocation) { locate.disabled = true; }
    locate.addEventListener('click', function () {
      status.textContent = locate.getAttribute('data-locating') || '…';
      navigator.geolocation.getCurrentPosition(function (pos) {
        // Phones in China give GCJ-02 positions; the service converts them (and moves the marker to WGS84).
        lon.value = pos.coords.longitude.toFixed(6);
        lat.value = pos.coords.latitude.toFixed(6);
        crs.value = 'gcj02';
        status.textContent = '';
        refresh();
      }, function () {
        status.textContent = locate.getAttribute('data-failed') || '';
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  }

  [lon, lat].forEach(function (input) {
    input.addEventListener('change', function () { crs.value = 'wgs84'; refresh(); });
  });
  form.addEventListener('change', function (e) {
    if (e.target && e.target.name === 'category') { refresh(); }
  });

  // Thumbnails before sending, drawn on canvases: blob: and data: images would need the policy widened.
  var photos = document.getElementById('photos');
  var thumbs = document.getElementById('thumbs');
  if (photos && thumbs) {
    photos.addEventListener('change', function () {
      thumbs.innerHTML = '';
      var files = Array.prototype.slice.call(photos.files || []);
      var max = 3;
      var note = thumbs.getAttribute('data-too-many');
      if (files.length > max) {
        var p = document.createElement('p');
        p.className = 'field-error';
        p.textContent = note || ('max ' + max);
        thumbs.appendChild(p);
      }
      files.slice(0, max).forEach(function (file) {
        if (!window.createImageBitmap) { return; }
        createImageBitmap(file).then(function (bitmap) {
          var size = 96;
          var scale = Math.min(size / bitmap.width, size / bitmap.height, 1);
          var canvas = document.createElement('canvas');
          canvas.width = Math.round(bitmap.width * scale);
          canvas.height = Math.round(bitmap.height * scale);
          canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', file.name);
          thumbs.appendChild(canvas);
        }).catch(function () {
          var bad = document.createElement('span');
          bad.className = 'field-error';
          bad.textContent = file.name;
          thumbs.appendChild(bad);
        });
      });
    });
  }
}());
