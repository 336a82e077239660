/* Location picker of the advice request: clicking the map fills in latitude and longitude, typing
   in the fields moves the marker. The form works without this script (municipality or typed values). */
(function () {
  "use strict";
  var el = document.getElementById("advice-map");
  if (!el || !window.L) { return; }
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.25 }).setView([51.2, 4.75], 9);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 18 }).addTo(map);
  }
  var regions = JSON.parse(document.getElementById("advice-regions").textContent);
  var layer = L.geoJSON(regions.map(function (r) {
    return { type: "Feature", geometry: r.boundary, properties: { name: r.name } };
  }), {
    style: { color: "#1d5b38", weight: 1, fillColor: "#e8f2eb", fillOpacity: 0.5 },
    attribution: "Grenzen: Statbel, statistische sectoren 2025",
    onEachFeature: function (f, l) { l.bindTooltip(f.properties.name); }
  }).addTo(map);
  if (regions.length) { map.fitBounds(layer.getBounds()); }
  var marker = null;
  function place(latlng, pan) {
    if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng, { keyboard: false }).addTo(map); }
    if (pan) { map.setView(latlng, Math.max(map.getZoom(), 12)); }
  }
  function fromFields() {
    var a = parseFloat(lat.value), b = parseFloat(lon.value);
    if (!isNaN(a) && !isNaN(b)) { place([a, b], true); }
  }
  map.on("click", function (e) {
    lat.value = e.latlng.lat.toFixed(6);
    lon.value = e.latlng.lng.toFixed(6);
    place(e.latlng, false);
  });
  lat.addEventListener("change", fromFields);
  lon.addEventListener("change", fromFields);
  fromFields();
})();
