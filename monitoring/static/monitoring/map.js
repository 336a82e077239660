// The structures on a small map, coloured by use; the list next to it carries the same information.
(function () {
  "use strict";
  var el = document.getElementById("monitoring-map");
  if (!el || !window.L) { return; }
  var map = L.map(el).setView([51.2, 4.75], 9);
  var tiles = el.getAttribute("data-tiles");
  if (tiles) { L.tileLayer(tiles, { attribution: el.getAttribute("data-attribution") || "" }).addTo(map); }
  var regionsUrl = el.getAttribute("data-regions-url");
  if (regionsUrl) {
    fetch(regionsUrl).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) { return; }
      L.geoJSON(data, {
        style: { color: "#6b7c72", weight: 1, fillColor: "#dfeee4", fillOpacity: 0.5 },
        attribution: el.getAttribute("data-boundaries") || "",
        interactive: false
      }).addTo(map).bringToBack();
    });
  }
  fetch(el.getAttribute("data-url")).then(function (r) { return r.json(); }).then(function (data) {
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 9, color: "#222", weight: 1, fillColor: feature.properties.color, fillOpacity: 0.9 });
      },
      onEachFeature: function (feature, marker) {
        var p = feature.properties;
        var a = document.createElement("a");
        a.href = p.url; a.textContent = p.title;
        var div = document.createElement("div");
        div.appendChild(a);
        div.appendChild(document.createElement("br"));
        div.appendChild(document.createTextNode(p.subtitle));
        marker.bindPopup(div);
      }
    }).addTo(map);
    if (data.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 13, padding: [20, 20] }); }
  });
})();
