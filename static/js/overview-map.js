/* The overview map: the 18 regions, click (or type a municipality, or use your location) to find yours. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var text = JSON.parse(document.getElementById("map-text").textContent);
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var result = document.getElementById("region-result");
  var finder = document.getElementById("finder");
  var input = document.getElementById("municipality");
  var locate = document.getElementById("locate");

  var map = L.map("overview-map", { zoomSnap: 0.25, minZoom: 8, maxZoom: 17 });
  window.overviewMap = map;
  map.setView([51.2, 4.75], 9);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(text.attribution);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
  }

  var baseStyle = { color: "#123d25", weight: 1.2, fillColor: "#3f8f5d", fillOpacity: 0.35 };
  var highlightStyle = { color: "#b0102a", weight: 3.5, fillColor: "#f2c94c", fillOpacity: 0.55 };
  var layersBySlug = {};
  var highlighted = null;
  var marker = null;

  function highlight(slug) {
    if (highlighted) { highlighted.setStyle(baseStyle); }
    highlighted = layersBySlug[slug] || null;
    if (highlighted) { highlighted.setStyle(highlightStyle); highlighted.bringToFront(); }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  function showRegion(slug) {
    var region = data.regions[slug];
    if (!region) { return showMessage(text.error); }
    highlight(slug);
    var body = el("div", { "class": "card-body" }, [
      el("p", {}, [text.youAreIn]),
      el("h2", {}, [el("a", { href: region.url }, [region.name])]),
      el("p", {}, [region.short_description]),
      el("p", {}, [el("a", { href: region.url, "class": "button" }, [text.readMore])]),
      el("p", {}, [el("a", { href: region.brochure_url }, [text.brochure])])
    ]);
    var card = el("div", { "class": "result-card", "data-region": slug }, []);
    if (region.image) { card.append(el("img", { src: region.image, alt: region.image_alt, width: "800", height: "450", "class": "hero-image" })); }
    card.append(body);
    result.replaceChildren(card);
  }

  function showMessage(message) {
    highlight(null);
    result.replaceChildren(el("div", { "class": "result-card is-empty" }, [el("p", { role: "alert" }, [message])]));
  }

  /* On narrow screens the answer sits above the map: bring it into view. */
  function revealResult() {
    if (window.matchMedia("(max-width: 900px)").matches) {
      result.scrollIntoView({ behavior: "smooth", block: "nearest" });
    }
  }

  function lookup(lat, lon) {
    if (marker) { marker.setLatLng([lat, lon]); } else { marker = L.circleMarker([lat, lon], { radius: 7, color: "#b0102a", fillOpacity: 1 }).addTo(map); }
    var url = config.lookup + "?lat=" + encodeURIComponent(lat.toFixed(6)) + "&lon=" + encodeURIComponent(lon.toFixed(6));
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 404) { showMessage(text.outside); return null; }
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (region) { if (region) { showRegion(region.slug); } })
      .catch(function () { showMessage(text.error); });
  }

  map.on("click", function (event) { lookup(event.latlng.lat, event.latlng.lng); revealResult(); });

  fetch(config.geojson).then(function (r) { return r.json(); }).then(function (collection) {
    var regions = L.geoJSON(collection, {
      style: function () { return baseStyle; },
      onEachFeature: function (feature, layer) {
        var name = data.regions[feature.id] ? data.regions[feature.id].name : feature.properties.name_nl;
        layersBySlug[feature.id] = layer;
        layer.bindTooltip(el("span", {}, [name]), { sticky: true });
        layer.on("add", function () {
          /* A region reached by Tab shows its card on Enter or Space, as a click does. */
          var path = layer.getElement();
          path.setAttribute("role", "button");
          path.setAttribute("aria-label", name);
          path.addEventListener("keydown", function (event) {
            if (event.key === "Enter" || event.key === " ") {
              event.preventDefault();
              showRegion(feature.id);
              revealResult();
            }
          });
        });
      }
    }).addTo(map);
    map.fitBounds(regions.getBounds(), { padding: [8, 8] });
    var current = result.querySelector("[data-region]");
    if (current) { highlight(current.getAttribute("data-region")); }
    addOverlays(regions);
    document.getElementById("overview-map").setAttribute("data-ready", "true");
  });

  function addOverlays(regionsLayer) {
    if (!data.overlays.length) { return; }
    var narrow = window.matchMedia("(max-width: 600px)").matches;
    var control = L.control.layers(null, {}, { collapsed: narrow }).addTo(map);
    control.addOverlay(regionsLayer, text.regionsLayer);
    data.overlays.forEach(function (overlay) {
      fetch(overlay.url).then(function (r) { return r.json(); }).then(function (collection) {
        var layer = L.geoJSON(collection, {
          pointToLayer: function (feature, latlng) {
            var color = feature.properties.color || "#0b4a8a";
            return L.circleMarker(latlng, { radius: 7, color: "#1b1f1d", weight: 1, fillColor: color, fillOpacity: 0.9 });
          },
          onEachFeature: function (feature, layer) {
            var p = feature.properties;
            var popup = el("div", {}, [el("strong", {}, [p.url ? el("a", { href: p.url }, [p.title]) : p.title])]);
            if (p.subtitle) { popup.append(el("div", {}, [p.subtitle])); }
            layer.bindPopup(popup);
          }
        }).addTo(map);
        control.addOverlay(layer, overlay.name);
      });
    });
  }

  function municipalityRegion(name) {
    var wanted = name.trim().toLowerCase();
    var match = Object.keys(data.municipalities).filter(function (m) { return m.toLowerCase() === wanted; })[0];
    return match ? data.municipalities[match] : null;
  }

  finder.addEventListener("submit", function (event) {
    var slug = municipalityRegion(input.value);
    if (!slug) {
      return;  /* the server answers with its message; nothing is lost */
    }
    event.preventDefault();
    showRegion(slug);
    var layer = layersBySlug[slug];
    if (layer) { map.fitBounds(layer.getBounds(), { maxZoom: 11 }); }
    result.focus();
  });

  if ("geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      showMessage(text.locating);
      navigator.geolocation.getCurrentPosition(function (position) {
        lookup(position.coords.latitude, position.coords.longitude);
        map.setView([position.coords.latitude, position.coords.longitude], 11);
      }, function () { showMessage(text.noLocation); }, { timeout: 10000 });
    });
  }
})();
