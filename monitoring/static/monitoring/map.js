/* The structures on a map, coloured by use; the table below carries the same information.
   Data: #structures-map-data (monitoring.views.index). */
(function () {
  "use strict";
  var container = document.getElementById("monitoring-map");
  if (!container || !window.PortalMap) { return; }
  var M = window.PortalMap;
  var data = M.readJSON("structures-map-data");
  var portal = M.create(container, { scrollWheelZoom: false, panelOpen: !window.matchMedia("(max-width: 600px)").matches });
  var map = portal.map;
  fetch(data.regionsUrl).then(function (r) { return r.ok ? r.json() : null; }).then(function (regions) {
    if (!regions) { return; }
    L.geoJSON(regions, {
      interactive: false,
      style: { color: "#4f6b5a", weight: 1.5, fillColor: "#dfeee4", fillOpacity: 0.4 }
    }).addTo(map).bringToBack();
  });
  var structures = L.featureGroup();
  portal.panel.addToggle(map, data.name, structures, { checked: true, legend: data.legend });
  fetch(data.structuresUrl).then(function (r) { return r.json(); }).then(function (collection) {
    M.pointsLayer(collection).addTo(structures);
    if (collection.features.length) { map.fitBounds(structures.getBounds(), { maxZoom: 13, padding: [20, 20] }); }
    container.setAttribute("data-ready", "true");
  });
})();
