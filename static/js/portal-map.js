/* The portal's maps, set up in one place: the province's extent, the background layers (if any),
   the 67 municipalities with their names from a zoom level on, and a "map layers and legend" panel.
   Every script gets its data from json_script elements: the shared configuration is in
   #map-config ({% map_config %}, portal/maps.py); pages add their own. No inline scripts. */
(function () {
  "use strict";

  var uid = 0;

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  /* A DOM element; children are nodes or strings (always text, never HTML). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) { node.append(c); } });
    return node;
  }

  function swatch(item) {
    var node = el("span", { "class": "map-swatch" + (item.muted ? " is-muted" : ""), "aria-hidden": "true" });
    node.style.backgroundColor = item.muted ? "transparent" : item.color;
    node.style.borderColor = item.color;
    return node;
  }

  /* The style of a point of an overlay: a muted point (e.g. a cancelled meeting) is small and hollow. */
  function pointStyle(properties) {
    var color = properties.color || "#0b4a8a";
    if (properties.muted) {
      return { radius: 5, color: color, weight: 2, dashArray: "2 2", fillColor: "#ffffff", fillOpacity: 0.6 };
    }
    return { radius: 7, color: "#1b1f1d", weight: 1, fillColor: color, fillOpacity: 0.9 };
  }

  /* The "map layers and legend" panel: background choice, layers to switch on and off, and what
     their colours mean. Native form controls inside <details>, so it works with the keyboard. */
  var Panel = L.Control.extend({
    options: { position: "topright" },
    initialize: function (texts, open) {
      this._texts = texts;
      this._open = open;
    },
    onAdd: function () {
      this._body = el("div", { "class": "map-panel-body" });
      var details = el("details", { "class": "map-panel" }, [el("summary", {}, [this._texts.panel]), this._body]);
      details.open = !!this._open;
      L.DomEvent.disableClickPropagation(details);
      L.DomEvent.disableScrollPropagation(details);
      return details;
    },
    addBaseLayers: function (map, bases) {
      var name = "map-base-" + (++uid);
      var options = bases.concat([{ name: this._texts.noBackground, layer: null }]);
      var fieldset = el("fieldset", {}, [el("legend", {}, [this._texts.background])]);
      options.forEach(function (base, i) {
        var id = name + "-" + i;
        var input = el("input", { type: "radio", name: name, id: id });
        input.checked = i === 0;
        input.addEventListener("change", function () {
          bases.forEach(function (b) { map.removeLayer(b.layer); });
          if (base.layer) { base.layer.addTo(map); }
        });
        fieldset.append(el("div", { "class": "map-panel-option" }, [input, el("label", { "for": id }, [base.name])]));
      });
      this._body.prepend(fieldset);
    },
    /* A layer with a checkbox; ``legend`` lists {color, label, muted} entries shown under it;
       ``onFirstShow`` runs once, the first time the layer is switched on (e.g. to fetch it). */
    addToggle: function (map, label, layer, options) {
      options = options || {};
      var id = "map-layer-" + (++uid);
      var input = el("input", { type: "checkbox", id: id });
      var loaded = false;
      function apply() {
        if (input.checked) {
          if (!loaded && options.onFirstShow) { options.onFirstShow(); }
          loaded = true;
          layer.addTo(map);
        } else {
          map.removeLayer(layer);
        }
      }
      input.checked = !!options.checked;
      input.addEventListener("change", apply);
      var block = el("div", { "class": "map-panel-layer" }, [
        el("div", { "class": "map-panel-option" }, [input, el("label", { "for": id }, [label])])
      ]);
      if (options.legend && options.legend.length) {
        block.append(el("ul", { "class": "map-legend" }, options.legend.map(function (item) {
          return el("li", {}, [swatch(item), item.label]);
        })));
      }
      this._body.append(block);
      apply();
      return input;
    }
  });

  function addMunicipalities(map, config, container) {
    var group = L.layerGroup();
    fetch(config.municipalities)
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (collection) {
        if (!collection) { return; }
        L.geoJSON(collection, {
          pane: "municipalities",
          interactive: false,
          style: { color: "#4a4f4c", weight: 1, opacity: 0.8, dashArray: "4 3", fill: false }
        }).addTo(group);
        collection.features.forEach(function (feature) {
          var at = feature.properties.label_point;
          L.marker([at[1], at[0]], {
            pane: "municipalityLabels",
            interactive: false,
            keyboard: false,
            icon: L.divIcon({ className: "municipality-label", html: el("span", { "aria-hidden": "true" }, [feature.properties.name]), iconSize: null })
          }).addTo(group);
        });
        container.setAttribute("data-municipalities", "true");
      })
      .catch(function () { /* the map works without them */ });
    function showLabels() {
      container.classList.toggle("map-show-labels", map.getZoom() >= config.labelsFromZoom);
    }
    map.on("zoomend", showLabels);
    showLabels();
    return group;
  }

  /* A map in ``container`` with everything the portal's maps share. Options: scrollWheelZoom
     (default true), panelOpen (default: on screens wider than 600 px). */
  function create(container, options) {
    options = options || {};
    var config = readJSON("map-config");
    var texts = config.texts;
    var map = L.map(container, {
      zoomSnap: 0.25,
      minZoom: 8,
      maxZoom: 19,
      scrollWheelZoom: options.scrollWheelZoom !== false
    });
    map.fitBounds(config.bounds);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(texts.boundaries);
    ["municipalities", "municipalityLabels"].forEach(function (name, i) {
      var pane = map.createPane(name);
      pane.style.zIndex = 450 + i * 10;
      pane.style.pointerEvents = "none";
    });
    var open = options.panelOpen !== undefined ? options.panelOpen : !window.matchMedia("(max-width: 600px)").matches;
    var panel = new Panel(texts, open).addTo(map);
    var bases = config.baseLayers.map(function (b) {
      return { name: b.name, layer: L.tileLayer(b.url, { attribution: b.attribution, maxZoom: 19, maxNativeZoom: b.maxZoom }) };
    });
    if (bases.length) {
      bases[0].layer.addTo(map);
      panel.addBaseLayers(map, bases);
    }
    panel.addToggle(map, texts.municipalities, addMunicipalities(map, config, container), { checked: true });
    return { map: map, panel: panel, texts: texts };
  }

  /* Points of a GeoJSON overlay with a popup of their title (a link), subtitle and style.
     A popup stops the click; ``onClick(latlng)`` still hears it (e.g. to answer "which region?"). */
  function pointsLayer(collection, onClick) {
    return L.geoJSON(collection, {
      pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, pointStyle(feature.properties)); },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        var popup = el("div", {}, [el("strong", {}, [p.url ? el("a", { href: p.url }, [p.title]) : p.title])]);
        if (p.subtitle) { popup.append(el("div", {}, [p.subtitle])); }
        layer.bindPopup(popup);
        if (onClick) { layer.on("click", function (event) { onClick(event.latlng); }); }
      }
    });
  }

  window.PortalMap = { create: create, readJSON: readJSON, el: el, pointsLayer: pointsLayer, pointStyle: pointStyle };
})();
