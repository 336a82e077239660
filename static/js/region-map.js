/* The small map on a region page: the region's boundary among the municipalities. */
(function () {
  "use strict";
  var geometry = window.PortalMap.readJSON("region-boundary");
  var container = document.getElementById("region-map");
  if (!geometry || !container) { return; }
  var map = window.PortalMap.create(container, { scrollWheelZoom: false, panelOpen: false }).map;
  var layer = L.geoJSON(geometry, {
    interactive: false,
    style: { color: "#b0102a", weight: 2.5, fillColor: "#3f8f5d", fillOpacity: 0.3 }
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [6, 6] });
  container.setAttribute("data-ready", "true");
})();
