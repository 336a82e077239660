/* The small map on a region page: the region's boundary. */
(function () {
  "use strict";
  var node = document.getElementById("region-boundary");
  if (!node) { return; }
  var geometry = JSON.parse(node.textContent);
  if (!geometry) { return; }
  var map = L.map("region-map", { scrollWheelZoom: false, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(document.getElementById("region-map").getAttribute("data-attribution"));
  var layer = L.geoJSON(geometry, { style: { color: "#b0102a", weight: 2, fillColor: "#3f8f5d", fillOpacity: 0.35 } }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [6, 6] });
})();
