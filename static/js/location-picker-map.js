/* The location picker (landscapes.widgets.LocationPicker): find a municipality, postcode or
   deelgemeente, or click the map, and the latitude and longitude fields are filled in; typing in
   those fields moves the spot. The form works without this script. */
(function () {
  "use strict";
  var M = window.PortalMap;
  if (!M) { return; }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  function parse(value) {
    var number = parseFloat(String(value).trim().replace(",", "."));
    return isNaN(number) ? null : number;
  }

  function setUp(box) {
    var config = JSON.parse(box.querySelector('script[type="application/json"]:not([id])').textContent);
    var texts = config.texts;
    var search = box.querySelector("input");
    var button = box.querySelector("[data-find]");
    var status = box.querySelector(".location-picker-status");
    var lat = document.getElementById(config.latitude);
    var lon = document.getElementById(config.longitude);
    var container = box.querySelector(".location-picker-map");
    var map = M.create(container, { scrollWheelZoom: false, panelOpen: false }).map;
    var headers = { Accept: "application/json", "Accept-Language": document.documentElement.lang || "nl" };
    var spot = null;
    var asked = 0;

    fetch(config.regionsUrl).then(function (r) { return r.ok ? r.json() : null; }).then(function (regions) {
      if (regions) {
        L.geoJSON(regions, { interactive: false, style: { color: "#1d5b38", weight: 1.5, fillColor: "#e8f2eb", fillOpacity: 0.35 } }).addTo(map).bringToBack();
      }
      container.setAttribute("data-ready", "true");
    });

    /* Says where the spot is and in which region, so a wrong click is noticed at once. */
    function describe(latlng, note) {
      var said = (note ? note + " " : "") + format(texts.placed, { lat: latlng.lat.toFixed(6), lon: latlng.lng.toFixed(6) });
      status.textContent = said;
      var ticket = ++asked;
      fetch(config.lookupUrl + "?lat=" + latlng.lat.toFixed(6) + "&lon=" + latlng.lng.toFixed(6), { headers: headers })
        .then(function (r) { return r.status === 404 ? { outside: true } : r.json(); })
        .then(function (region) {
          if (ticket !== asked) { return; }
          var where = region.outside ? texts.outside : format(texts.inRegion, { region: document.documentElement.lang === "en" ? region.name_en : region.name_nl });
          status.textContent = said + " " + where;
        })
        .catch(function () { /* the coordinates are filled in all the same */ });
    }

    function show(latlng) {
      if (spot) { spot.setLatLng(latlng); } else {
        spot = L.circleMarker(latlng, { radius: 8, color: "#b0102a", weight: 3, fillColor: "#ffffff", fillOpacity: 1, interactive: false }).addTo(map);
      }
    }

    function place(latlng, note) {
      show(latlng);
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      describe(latlng, note);
    }

    function fromFields() {
      var a = parse(lat.value), b = parse(lon.value);
      if (a === null || b === null) { return; }
      show([a, b]);
      map.setView([a, b], Math.max(map.getZoom(), 13));
    }

    function find() {
      var query = search.value.trim();
      if (!query) { search.focus(); return; }
      fetch(config.findUrl + "?q=" + encodeURIComponent(query), { headers: headers })
        .then(function (r) { return r.json().then(function (body) { return { status: r.status, body: body }; }); })
        .then(function (answer) {
          if (answer.status !== 200) {
            status.textContent = answer.body.detail || (answer.body.q || [texts.error])[0];
            return;
          }
          var extent = answer.body.extent;
          map.fitBounds(extent.bounds);
          place(L.latLng(extent.point.lat, extent.point.lon), (answer.body.note ? answer.body.note + " " : "") + texts.refine);
        })
        .catch(function () { status.textContent = texts.error; });
    }

    map.on("click", function (event) { place(event.latlng); });
    button.hidden = false;
    button.addEventListener("click", find);
    /* Enter in the search field finds the place instead of sending the form. */
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); find(); }
    });
    lat.addEventListener("change", fromFields);
    lon.addEventListener("change", fromFields);
    fromFields();
  }

  document.querySelectorAll("[data-location-picker]").forEach(setUp);
})();
