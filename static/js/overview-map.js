/* The overview map: click the map, type a municipality, postcode or deelgemeente, or use your
   location to find your region. Data: #overview-data (landscapes.views.home). */
(function () {
  "use strict";
  var M = window.PortalMap;
  var el = M.el;
  var data = M.readJSON("overview-data");
  var text = data.texts;
  var container = document.getElementById("overview-map");
  var result = document.getElementById("region-result");
  var finder = document.getElementById("finder");
  var input = document.getElementById("municipality");
  var finderError = document.getElementById("municipality-error");
  var locate = document.getElementById("locate");

  var portal = M.create(container, { panelOpen: false });
  var map = portal.map;
  window.overviewMap = map;

  var baseStyle = { color: "#123d25", weight: 1.5, fillColor: "#3f8f5d", fillOpacity: 0.3 };
  var highlightStyle = { color: "#b0102a", weight: 3.5, fillColor: "#f2c94c", fillOpacity: 0.5 };
  var layersBySlug = {};
  var highlighted = null;
  var marker = null;
  var narrow = window.matchMedia("(max-width: 900px)");
  /* The API answers in the language of the page (it follows Accept-Language, Dutch by default). */
  var apiHeaders = { Accept: "application/json", "Accept-Language": document.documentElement.lang || "nl" };

  function highlight(slug) {
    if (highlighted) { highlighted.setStyle(baseStyle); }
    highlighted = layersBySlug[slug] || null;
    if (highlighted) { highlighted.setStyle(highlightStyle); highlighted.bringToFront(); }
  }

  /* The answer in view: above the map on a phone, beside it on a wide screen. */
  function reveal(node) {
    node.scrollIntoView({ behavior: "smooth", block: narrow.matches ? "start" : "nearest" });
  }

  /* The region's card; ``note`` says how what was typed led there; ``focus`` moves the keyboard
     focus to the card (after Enter in the finder or on a region), ``scroll`` brings it into view. */
  function showRegion(slug, options) {
    options = options || {};
    var region = data.regions[slug];
    if (!region) { return showMessage(text.error); }
    highlight(slug);
    /* lang="nl" on the element of a text shown in Dutch for want of an English one (WCAG 3.1.2). */
    function marked(key, attrs) {
      if ((region.dutch || []).indexOf(key) !== -1) { attrs.lang = "nl"; }
      return attrs;
    }
    var card = el("div", { "class": "result-card", "data-region": slug, tabindex: "-1" }, []);
    if (region.image) { card.append(el("img", marked("image_alt", { src: region.image, alt: region.image_alt, width: "800", height: "450", "class": "hero-image" }))); }
    card.append(el("div", { "class": "card-body" }, [
      options.note ? el("p", { "class": "result-note" }, [options.note]) : null,
      el("p", {}, [text.youAreIn]),
      el("h2", {}, [el("a", marked("name", { href: region.url }), [region.name])]),
      el("p", marked("short_description", {}), [region.short_description]),
      el("p", {}, [el("a", { href: region.url, "class": "button" }, [text.readMore])]),
      el("p", {}, [el("a", { href: region.brochure_url }, [text.brochure])])
    ]));
    result.replaceChildren(card);
    if (options.focus) { card.focus({ preventScroll: true }); }
    if (options.focus || options.scroll) { reveal(card); }
  }

  function showMessage(message, options) {
    highlight(null);
    var card = el("div", { "class": "result-card is-empty", tabindex: "-1" }, [el("p", { role: "alert" }, [message])]);
    result.replaceChildren(card);
    if (options && options.scroll) { reveal(card); }
  }

  function lookup(lat, lon, options) {
    if (marker) { marker.setLatLng([lat, lon]); } else { marker = L.circleMarker([lat, lon], { radius: 6, color: "#b0102a", weight: 2, fillColor: "#ffffff", fillOpacity: 1, interactive: false }).addTo(map); }
    var url = data.lookupUrl + "?lat=" + encodeURIComponent(lat.toFixed(6)) + "&lon=" + encodeURIComponent(lon.toFixed(6));
    fetch(url, { headers: apiHeaders })
      .then(function (response) {
        if (response.status === 404) { showMessage(text.outside, options); return null; }
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (region) { if (region) { showRegion(region.slug, options); } })
      .catch(function () { showMessage(text.error, options); });
  }

  /* Every click on the map answers "which region is this?", also on a point of an overlay. */
  function answerClick(latlng) {
    lookup(latlng.lat, latlng.lng, { scroll: narrow.matches });
  }
  map.on("click", function (event) { answerClick(event.latlng); });

  fetch(data.regionsUrl).then(function (r) { return r.json(); }).then(function (collection) {
    var regions = L.geoJSON(collection, {
      style: function () { return baseStyle; },
      onEachFeature: function (feature, layer) {
        var name = data.regions[feature.id] ? data.regions[feature.id].name : feature.properties.name_nl;
        layersBySlug[feature.id] = layer;
        layer.bindTooltip(el("span", {}, [name]), { sticky: true });
        layer.on("add", function () {
          /* A region reached by Tab shows its card on Enter or Space, and the focus moves to it. */
          var path = layer.getElement();
          path.setAttribute("role", "button");
          path.setAttribute("tabindex", "0");
          path.setAttribute("aria-label", name);
          path.addEventListener("keydown", function (event) {
            if (event.key === "Enter" || event.key === " ") {
              event.preventDefault();
              showRegion(feature.id, { focus: true });
            }
          });
        });
      }
    }).addTo(map);
    map.fitBounds(regions.getBounds(), { padding: [8, 8] });
    addOverlays();
    container.setAttribute("data-ready", "true");
  });

  /* Other apps' layers (meetings, fauna passages): off until switched on in the panel, where
     their legend is; fetched the first time they are shown. */
  function addOverlays() {
    data.overlays.forEach(function (overlay) {
      var group = L.featureGroup();
      portal.panel.addToggle(map, overlay.name, group, {
        legend: overlay.legend,
        onFirstShow: function () {
          fetch(overlay.url).then(function (r) { return r.json(); }).then(function (collection) {
            M.pointsLayer(collection, answerClick).addTo(group);
          });
        }
      });
    });
  }

  function showFinderError(message) {
    finderError.textContent = message;
    finderError.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", "municipality-error municipality-help");
  }

  function clearFinderError() {
    finderError.hidden = true;
    finderError.textContent = "";
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", "municipality-help");
  }

  finder.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(data.findUrl + "?q=" + encodeURIComponent(input.value), { headers: apiHeaders })
      .then(function (response) {
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (answer) {
        if (answer.status === 200) {
          clearFinderError();
          var extent = answer.body.extent;
          if (extent) { map.fitBounds(extent.bounds, { maxZoom: 12 }); }
          showRegion(answer.body.region.slug, { note: answer.body.note, focus: true });
        } else if (answer.status === 400 || answer.status === 404) {
          showFinderError(answer.body.detail || (answer.body.q || [text.error])[0]);
          input.focus();
        } else {
          throw new Error(answer.status);
        }
      })
      .catch(function () { finder.submit(); /* the server's finder answers instead */ });
  });

  if ("geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      showMessage(text.locating);
      navigator.geolocation.getCurrentPosition(function (position) {
        map.setView([position.coords.latitude, position.coords.longitude], 11);
        lookup(position.coords.latitude, position.coords.longitude, { scroll: true });
      }, function () { showMessage(text.noLocation, { scroll: true }); }, { timeout: 10000 });
    });
  }
})();
