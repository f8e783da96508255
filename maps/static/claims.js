/* Claims on a Leaflet map: markers by place, popups listing the claims shown, filters, panels.
 * Data arrives as JSON (see maps/payload.py). A claim is shown when its side and event type are
 * switched on and its day is in the selected range (claims without a day while the range covers the
 * default dates); a place shows when any of its claims does, and its marker, tally and popup count
 * only those. The map opens on the payload's view (the bulk of the places, outliers left out) and
 * keeps open popups clear of the panels. Every string from an article is put into the page with
 * textContent, never as HTML. */
(function (map, data) {
  "use strict";
  var ui = window.geoClaimsPopups(data);
  var el = ui.el, add = ui.add;
  var C = data.claims, total = C.id.length, sides = data.legend.sides, types = data.legend.types;
  var shown = new Uint8Array(total);
  var span = data.timeline;
  // The default dates: null ends are open (the first or last day).
  var state = {sides: {}, types: {}, seats: false,
               from: span && span.from > span.first ? span.from : null,
               to: span && span.to < span.last ? span.to : null};
  sides.forEach(function (s) { state.sides[s.side] = true; });
  types.forEach(function (t) { state.types[t.type] = true; });
  var listeners = [], waiting = [], api = {busy: false, pending: 0, count: 0};

  // What a place looks like with the claims shown: tally, main side, contested, symbol.
  function view(place) {
    var rows = [], counts = {}, main = -1, belligerents = {}, nb = 0;
    place.claims.forEach(function (i) {
      if (!shown[i]) return;
      rows.push(i);
      var s = C.side[i];
      counts[s] = (counts[s] || 0) + 1;
      if (main < 0 || counts[s] > counts[main]) main = s;
      if (sides[s].belligerent && !belligerents[s]) { belligerents[s] = true; nb += 1; }
    });
    var side = main >= 0 ? sides[main] : {side: "unknown", colour: null};
    var symbol = rows.length ? types[C.type[rows[0]]].symbol : "";
    return {rows: rows, side: side.side, colour: side.colour, contested: nb >= 2, symbol: symbol,
            key: rows.length + "|" + main + "|" + nb + "|" + symbol};
  }

  function paint(e) {
    if (!e.dot) return;
    var v = e.view;
    e.dot.className = "gc-marker" + (v.contested ? " gc-contested" : "") + (e.muted ? " gc-muted" : "");
    e.dot.setAttribute("data-side", v.side);
    e.dot.setAttribute("data-count", v.rows.length);
    e.dot.style.background = !e.muted && v.colour ? v.colour : "";
    e.dot.textContent = "";
    add(e.dot, el("span", {"class": "gc-symbol"}, v.symbol));
    if (v.rows.length > 1) add(e.dot, el("span", {"class": "gc-tally"}, v.rows.length));
    if (v.contested) add(e.dot, el("span", {"class": "gc-badge", title: "contested"}, "⇄"));
  }

  // The marker's element is made when Leaflet first draws the marker and kept (and repainted) after.
  var PlaceIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var e = this.options.entry;
      if (!e.dot) { e.dot = el("div", {"data-place": e.place.name}); paint(e); }
      this.options.html = e.dot;
      return L.DivIcon.prototype.createIcon.call(this, old);
    }
  });

  function entry(p, muted) {
    var e = {place: p, muted: muted, on: false, dot: null, ring: null, view: {key: null, rows: []}};
    var icon = new PlaceIcon({entry: e, className: "gc-icon", iconSize: [30, 30], iconAnchor: [15, 15], popupAnchor: [0, -14]});
    var title = muted ? p.name + " (claimant)" : p.name;
    e.marker = L.marker([p.lat, p.lon], {icon: icon, title: title, alt: title, riseOnHover: true, opacity: muted ? 0.7 : 1});
    // Not Leaflet's auto-pan: it knows nothing of the panels (see keepClear).
    e.marker.bindPopup(function () { return ui.placeBox(p, e.view.rows, e.view.contested); },
                       {maxWidth: 440, maxHeight: 380, className: "gc-popup-wrap", autoPan: false});
    return e;
  }

  // Markers join the cluster layer in chunks (the page stays responsive); "busy" until every batch is in.
  function settled() {
    api.pending -= 1;
    api.busy = api.pending > 0;
    if (!api.busy) waiting.splice(0).forEach(function (fn) { fn(); });
  }
  function whenSettled(fn) { if (api.busy) waiting.push(fn); else fn(); }
  var cluster = L.markerClusterGroup({maxClusterRadius: 35, showCoverageOnHover: false, chunkedLoading: true,
                                      chunkProgress: function (done, all) { if (all > 0 && done >= all) setTimeout(settled, 0); }});
  var rings = L.layerGroup(), seatLayer = L.layerGroup();
  var entries = data.places.map(function (p) {
    var e = entry(p, false);
    if (p.precision >= 3) {
      e.ring = L.circle([p.lat, p.lon], {radius: (p.radius_km || 30) * 1000, color: "#666", weight: 1,
                                         fillOpacity: 0.10, interactive: false, className: "gc-region"});
    } else if (p.precision === 2) {
      e.ring = L.circle([p.lat, p.lon], {radius: 6000, color: "#666", weight: 2, dashArray: "6 5",
                                         fill: false, interactive: false, className: "gc-near"});
    }
    return e;
  });
  var seats = data.seats.map(function (p) { return entry(p, true); });
  map.addLayer(cluster);
  map.addLayer(rings);

  // Claims without a day show while the range covers the default dates (all dates without a slider).
  function inRange(day) {
    if (day === null) {
      return span ? (state.from === null || state.from <= span.from) && (state.to === null || state.to >= span.to)
                  : state.from === null && state.to === null;
    }
    return (state.from === null || day >= state.from) && (state.to === null || day <= state.to);
  }

  function apply() {
    var started = performance.now();
    var sideOn = sides.map(function (s) { return state.sides[s.side] !== false; });
    var typeOn = types.map(function (t) { return state.types[t.type] !== false; });
    var count = 0;
    for (var i = 0; i < total; i++) {
      shown[i] = sideOn[C.side[i]] && typeOn[C.type[i]] && inRange(C.day[i]) ? 1 : 0;
    }
    var toAdd = [], toRemove = [], on = 0;
    entries.forEach(function (e) {
      if (e.on) on += 1;
      refresh(e);
      count += e.view.rows.length;
      if (e.on !== e.view.rows.length > 0) {
        e.on = !e.on;
        (e.on ? toAdd : toRemove).push(e.marker);
        if (e.ring) { if (e.on) rings.addLayer(e.ring); else rings.removeLayer(e.ring); }
      }
    });
    // Taking many markers out one by one costs more than clustering the rest again.
    if (toRemove.length > 200 && toRemove.length * 2 > toAdd.length + on) {
      cluster.clearLayers();
      toAdd = entries.filter(function (e) { return e.on; }).map(function (e) { return e.marker; });
    } else if (toRemove.length) {
      cluster.removeLayers(toRemove);
    }
    if (toAdd.length) {
      api.pending += 1;
      api.busy = true;
      cluster.addLayers(toAdd);
    }
    seats.forEach(function (e) {
      refresh(e);
      var on = state.seats && e.view.rows.length > 0;
      if (on !== e.on) { e.on = on; if (on) seatLayer.addLayer(e.marker); else seatLayer.removeLayer(e.marker); }
    });
    data.unplaced.forEach(function (i) { count += shown[i]; });
    api.count = count;
    api.applyMs = performance.now() - started;
    listeners.forEach(function (fn) { fn(count); });
  }

  function refresh(e) {
    var v = view(e.place), changed = v.key !== e.view.key;
    e.view = v;
    if (changed) {
      paint(e);
      if (e.ring) e.ring.setStyle({color: v.colour || "#666"});
    }
    if (e.marker.isPopupOpen()) {
      if (v.rows.length) { e.marker.getPopup().update(); keepClear(e.marker.getPopup()); } else e.marker.closePopup();
    }
  }

  function checkbox(parent, label, checked, onchange, swatch) {
    var row = add(parent, el("label", {"class": "gc-row"}));
    var box = add(row, el("input", {type: "checkbox"}));
    box.checked = checked;
    box.addEventListener("change", function () { onchange(box.checked); });
    if (swatch) add(row, swatch);
    add(row, el("span", null, label));
    return box;
  }

  var Filters = L.Control.extend({
    options: {position: "topright"},
    onAdd: function () {
      var box = el("div", {"class": "gc-panel gc-filters", id: "gc-filters"});
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      add(box, el("h5", null, "Sides"));
      sides.forEach(function (s) {
        var sw = el("span", {"class": "gc-swatch"});
        sw.style.background = s.colour;
        checkbox(box, s.label + " (" + s.side + ")", true, function (on) { state.sides[s.side] = on; apply(); }, sw)
          .setAttribute("data-side", s.side);
      });
      add(box, el("h5", null, "Events"));
      types.forEach(function (t) {
        checkbox(box, t.label, true, function (on) { state.types[t.type] = on; apply(); },
                 el("span", {"class": "gc-swatch-symbol"}, t.symbol)).setAttribute("data-type", t.type);
      });
      if (seats.length) {
        add(box, el("h5", null, "Other"));
        checkbox(box, "Claimant seats (capitals speaking)", false, function (on) {
          state.seats = on;
          apply();
          if (on) map.addLayer(seatLayer); else map.removeLayer(seatLayer);
        }).setAttribute("data-layer", "seats");
      }
      if (data.view.outside.length) {
        var n = data.view.outside.length;
        var all = add(box, el("button", {type: "button", "class": "gc-more gc-show-all", id: "gc-show-all"},
                              "Show all places (" + n + " outside the opening view)"));
        all.addEventListener("click", function () { fitAll(); });
      }
      var key = add(box, el("div", {"class": "gc-key"}));
      add(key, el("div", null, "⇄ contested · number = claims at the place"));
      add(key, el("div", null, "dashed ring: near / direction of · shaded circle: region"));
      return box;
    }
  });
  new Filters().addTo(map);

  var Title = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var box = el("div", {"class": "gc-panel gc-title", id: "gc-title"});
      // Each line takes the direction of its own text (an Arabic headline aligns right); the outlet
      // and the date are isolated, so a date beside Arabic reads 2020-10-20, not 20-10-2020.
      var h = add(box, el("div", {"class": "gc-headline", dir: "auto"}));
      if (data.title.url) add(h, ui.link(data.title.url, data.title.headline));
      else h.textContent = data.title.headline;
      if (data.title.outlet || data.title.date) {
        var sub = add(box, el("div", {"class": "gc-sub", dir: ui.direction(data.title.outlet || data.title.headline)}));
        if (data.title.outlet) add(sub, ui.isolate(data.title.outlet));
        if (data.title.outlet && data.title.date) add(sub, document.createTextNode(" · "));
        if (data.title.date) add(sub, ui.isolate(data.title.date, "ltr"));
      }
      return box;
    }
  });
  new Title().addTo(map);

  // Claims without a place: a panel listing those shown, a page at a time.
  if (data.unplaced.length) {
    var Unplaced = L.Control.extend({
      options: {position: "bottomleft"},
      onAdd: function () {
        var box = el("details", {"class": "gc-panel gc-unplaced", id: "gc-unplaced"});
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var summary = add(box, el("summary"));
        box.addEventListener("toggle", function () { if (openPopup) keepClear(openPopup); });
        var body = add(box, el("div"));
        function fill() {
          var rows = data.unplaced.filter(function (i) { return shown[i]; });
          var all = data.unplaced.length;
          summary.textContent = "Claims without a place (" + (rows.length === all ? all : rows.length + " of " + all) + ")";
          body.textContent = "";
          ui.claimList(body, rows);
        }
        listeners.push(fill);
        fill();
        return box;
      }
    });
    new Unplaced().addTo(map);
  }

  // The panels, as rectangles in page coordinates (the zoom buttons and scale too).
  function panels() {
    return Array.prototype.map.call(map.getContainer().querySelectorAll(".leaflet-control"), function (c) {
      return c.getBoundingClientRect();
    }).filter(function (r) { return r.width > 0 && r.height > 0; });
  }
  function overlaps(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }

  // The width the panels take on each side, kept free when fitting the view (when enough is left).
  function sidePadding() {
    var box = map.getContainer().getBoundingClientRect(), left = 0, right = 0;
    panels().forEach(function (r) {
      if (r.left + r.width / 2 < box.left + box.width / 2) left = Math.max(left, r.right - box.left);
      else right = Math.max(right, box.right - r.left);
    });
    if (box.width - left - right < 0.4 * box.width) left = right = 0;
    return {paddingTopLeft: [left + 20, 30], paddingBottomRight: [right + 20, 30]};
  }

  // Not animated: a zoom animation still running would swallow the next move (openPlace, a click).
  function fitTo(bounds) {
    if (!bounds.isValid()) return;
    var options = sidePadding();
    options.maxZoom = 9;
    options.animate = false;
    map.fitBounds(bounds, options);
  }
  // The opening view (payload's view: the bulk of the places), or every place shown.
  function fit() { if (data.view.bounds) fitTo(L.latLngBounds(data.view.bounds)); }
  function fitAll() {
    var bounds = L.latLngBounds([]);
    entries.forEach(function (e) { if (e.on) bounds.extend(e.marker.getLatLng()); });
    fitTo(bounds);
  }

  // Pan the map the least that puts an open popup clear of every panel and inside the map.
  function keepClear(popup) {
    var node = popup.getElement();
    if (!node || !map.hasLayer(popup)) return;
    var r = node.getBoundingClientRect(), box = map.getContainer().getBoundingClientRect(), obstacles = panels();
    var m = 8, xs = [0, box.left + m - r.left, box.right - m - r.right], ys = [0, box.top + m - r.top, box.bottom - m - r.bottom];
    obstacles.forEach(function (o) {
      xs.push(o.left - m - r.right, o.right + m - r.left);
      ys.push(o.top - m - r.bottom, o.bottom + m - r.top);
    });
    var best = null;
    xs.forEach(function (dx) {
      ys.forEach(function (dy) {
        var moved = {left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy};
        if (moved.left < box.left || moved.right > box.right || moved.top < box.top || moved.bottom > box.bottom) return;
        if (obstacles.some(function (o) { return overlaps(moved, o); })) return;
        var cost = Math.abs(dx) + Math.abs(dy);
        if (best === null || cost < best.cost) best = {dx: dx, dy: dy, cost: cost};
      });
    });
    if (best === null) {  // no room clear of the panels: at least inside the map, top first
      best = {dx: Math.max(box.left + m - r.left, Math.min(0, box.right - m - r.right)),
              dy: Math.max(box.top + m - r.top, Math.min(0, box.bottom - m - r.bottom))};
    }
    if (best.dx || best.dy) map.panBy([-best.dx, -best.dy], {animate: false});
  }
  var openPopup = null;
  map.on("popupopen", function (ev) { openPopup = ev.popup; keepClear(ev.popup); });
  map.on("popupclose", function (ev) { if (openPopup === ev.popup) openPopup = null; });

  // For people scripting the page (and the tests): show a place's marker and open its popup.
  function openPlace(name) {
    var e = entries.filter(function (x) { return x.place.name === name && x.on; })[0];
    if (!e) return false;
    whenSettled(function () { cluster.zoomToShowLayer(e.marker, function () { e.marker.openPopup(); }); });
    return true;
  }

  // Days are numbers (days since 1970-01-01); null leaves that end open.
  function setRange(from, to) { state.from = from; state.to = to; apply(); }

  var events = data.unplaced.length;
  entries.forEach(function (e) { events += e.place.claims.length; });
  api.map = map; api.data = data; api.cluster = cluster; api.entries = entries; api.seats = seats;
  api.state = state; api.shown = shown; api.events = events; api.apply = apply; api.setRange = setRange;
  api.openPlace = openPlace; api.fit = fit; api.fitAll = fitAll; api.keepClear = keepClear; api.onApply = function (fn) { listeners.push(fn); };
  apply();
  fit();
  window.geoClaims = api;
})
