/* Claims on a Leaflet map: markers by place, popups listing every claim, filters, panels.
 * Data arrives as JSON (inserted with tojson). Every string from an article is put into the page
 * with textContent, never as HTML: nothing an article says can run as script. */
(function (map, data) {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k]);
      });
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function add(parent, child) { parent.appendChild(child); return child; }

  function sentence(s) {
    var q = el("blockquote", {"class": "gc-sentence", dir: s.dir, lang: s.lang});
    if (s.mark) {
      q.appendChild(document.createTextNode(s.text.slice(0, s.mark[0])));
      add(q, el("mark", null, s.text.slice(s.mark[0], s.mark[1])));
      q.appendChild(document.createTextNode(s.text.slice(s.mark[1])));
    } else {
      q.textContent = s.text;
    }
    return q;
  }

  function claimItem(c) {
    var li = el("li", {"class": "gc-claim", "data-side": c.side, "data-claim": c.claim_id});
    var head = add(li, el("div", {"class": "gc-head"}));
    var badge = add(head, el("span", {"class": "gc-side"}, c.side));
    if (c.colour) badge.style.background = c.colour;
    add(head, el("b", {"class": "gc-claimant"}, " " + c.claimant));
    if (c.written && c.written !== c.claimant) add(head, el("span", {"class": "gc-written"}, " (" + c.written + ")"));
    if (c.stance === "denies") add(head, el("span", {"class": "gc-denies"}, " denies"));
    add(li, el("div", {"class": "gc-event"}, c.event));
    if (c.quantities.length) add(li, el("div", {"class": "gc-quantities"}, c.quantities.join("; ")));
    if (c.fatalities !== null && c.fatalities !== undefined) {
      add(li, el("div", {"class": "gc-fatalities"}, "Fatalities reported: " + c.fatalities));
    }
    var meta = [c.date, c.where].filter(Boolean).join(" · ");
    if (meta) add(li, el("div", {"class": "gc-meta"}, meta));
    if (c.sentence.text) add(li, sentence(c.sentence));
    if (c.place.name) {
      var p = add(li, el("div", {"class": "gc-place"}));
      p.textContent = "“" + c.place.written + "” → " + c.place.name + (c.place.geonameid ? " (GeoNames " + c.place.geonameid + ")" : "");
      if (c.needs_review) {
        add(p, el("span", {"class": "gc-review"}, " needs review" + (c.alternatives.length ? ": or " + c.alternatives.join(", ") : "")));
      }
    }
    var src = add(li, el("div", {"class": "gc-source"}));
    if (c.source.url) {
      add(src, el("a", {href: c.source.url, target: "_blank", rel: "noopener noreferrer"}, c.source.title || c.source.url));
    } else {
      add(src, el("span", null, c.source.title));
    }
    var tail = [c.source.outlet, c.source.published].filter(Boolean).join(", ");
    if (tail) add(src, el("span", null, " — " + tail));
    return li;
  }

  function popup(p) {
    var box = el("div", {"class": "gc-popup"});
    var h = add(box, el("h4", null, p.name));
    if (p.geonameid) add(h, el("small", null, " GeoNames " + p.geonameid));
    if (p.contested) add(box, el("div", {"class": "gc-contested-note"}, "Contested: opposing sides make claims here"));
    var list = add(box, el("ol", {"class": "gc-claims"}));
    p.claims.forEach(function (c) { list.appendChild(claimItem(c)); });
    return box;
  }

  function icon(p, muted) {
    var dot = el("div", {"class": "gc-marker" + (p.contested ? " gc-contested" : "") + (muted ? " gc-muted" : ""),
                         "data-place": p.name, "data-side": p.side, "data-count": p.count});
    if (p.colour && !muted) dot.style.background = p.colour;
    add(dot, el("span", {"class": "gc-symbol"}, p.symbol));
    if (p.count > 1) add(dot, el("span", {"class": "gc-tally"}, p.count));
    if (p.contested) add(dot, el("span", {"class": "gc-badge", title: "contested"}, "⇄"));
    return L.divIcon({className: "gc-icon", html: dot, iconSize: [30, 30], iconAnchor: [15, 15], popupAnchor: [0, -14]});
  }

  var cluster = L.markerClusterGroup({maxClusterRadius: 35, showCoverageOnHover: false, chunkedLoading: true});
  var rings = L.layerGroup();
  var seats = L.layerGroup();
  var entries = [];
  data.places.forEach(function (p) {
    var marker = L.marker([p.lat, p.lon], {icon: icon(p, false), title: p.name, alt: p.name, riseOnHover: true});
    marker.bindPopup(function () { return popup(p); }, {maxWidth: 440, maxHeight: 380, className: "gc-popup-wrap"});
    var ring = null;
    if (p.precision >= 3) {
      ring = L.circle([p.lat, p.lon], {radius: (p.radius_km || 30) * 1000, color: p.colour || "#666", weight: 1,
                                       fillOpacity: 0.10, interactive: false, className: "gc-region"});
    } else if (p.precision === 2) {
      ring = L.circle([p.lat, p.lon], {radius: 6000, color: p.colour || "#666", weight: 2, dashArray: "6 5",
                                       fill: false, interactive: false, className: "gc-near"});
    }
    entries.push({place: p, marker: marker, ring: ring});
  });
  data.seats.forEach(function (p) {
    var m = L.marker([p.lat, p.lon], {icon: icon(p, true), title: p.name + " (claimant)", opacity: 0.7});
    m.bindPopup(function () { return popup(p); }, {maxWidth: 440, maxHeight: 380});
    seats.addLayer(m);
  });
  map.addLayer(cluster);
  map.addLayer(rings);

  var state = {sides: {}, types: {}};
  data.legend.sides.forEach(function (s) { state.sides[s.side] = true; });
  data.legend.types.forEach(function (t) { state.types[t.type] = true; });

  function visible(p) {
    var anySide = p.sides.some(function (s) { return state.sides[s] !== false; });
    var anyType = p.types.some(function (t) { return state.types[t] !== false; });
    return anySide && anyType;
  }

  function apply() {
    entries.forEach(function (e) {
      var on = visible(e.place);
      if (on && !cluster.hasLayer(e.marker)) cluster.addLayer(e.marker);
      if (!on && cluster.hasLayer(e.marker)) cluster.removeLayer(e.marker);
      if (e.ring) {
        if (on && !rings.hasLayer(e.ring)) rings.addLayer(e.ring);
        if (!on && rings.hasLayer(e.ring)) rings.removeLayer(e.ring);
      }
    });
  }
  apply();

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
      data.legend.sides.forEach(function (s) {
        var sw = el("span", {"class": "gc-swatch"});
        sw.style.background = s.colour;
        checkbox(box, s.label + " (" + s.side + ")", true, function (on) { state.sides[s.side] = on; apply(); }, sw)
          .setAttribute("data-side", s.side);
      });
      add(box, el("h5", null, "Events"));
      data.legend.types.forEach(function (t) {
        checkbox(box, t.label, true, function (on) { state.types[t.type] = on; apply(); },
                 el("span", {"class": "gc-swatch-symbol"}, t.symbol)).setAttribute("data-type", t.type);
      });
      if (data.seats.length) {
        add(box, el("h5", null, "Other"));
        checkbox(box, "Claimant seats (capitals speaking)", false, function (on) {
          if (on) map.addLayer(seats); else map.removeLayer(seats);
        }).setAttribute("data-layer", "seats");
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
      var h = add(box, el("div", {"class": "gc-headline"}));
      if (data.title.url) add(h, el("a", {href: data.title.url, target: "_blank", rel: "noopener noreferrer"}, data.title.headline));
      else h.textContent = data.title.headline;
      var sub = [data.title.outlet, data.title.date].filter(Boolean).join(" · ");
      if (sub) add(box, el("div", {"class": "gc-sub"}, sub));
      return box;
    }
  });
  new Title().addTo(map);

  if (data.unplaced.length) {
    var Unplaced = L.Control.extend({
      options: {position: "bottomleft"},
      onAdd: function () {
        var box = el("details", {"class": "gc-panel gc-unplaced", id: "gc-unplaced"});
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        add(box, el("summary", null, "Claims without a place (" + data.unplaced.length + ")"));
        var list = add(box, el("ol", {"class": "gc-claims"}));
        data.unplaced.forEach(function (c) { list.appendChild(claimItem(c)); });
        return box;
      }
    });
    new Unplaced().addTo(map);
  }

  // Fit the view to the places (countries only when there is nothing else, they are huge).
  var bounds = L.latLngBounds([]);
  var precise = entries.filter(function (e) { return !(e.place.precision >= 3 && e.place.radius_km > 300); });
  (precise.length ? precise : entries).forEach(function (e) { bounds.extend(e.marker.getLatLng()); });
  function fit() { if (bounds.isValid()) map.fitBounds(bounds.pad(0.25), {maxZoom: 9}); }
  fit();
  // For people scripting the page (and the tests): show a place's marker and open its popup.
  function openPlace(name) {
    var e = entries.filter(function (x) { return x.place.name === name; })[0];
    if (!e) return false;
    cluster.zoomToShowLayer(e.marker, function () { e.marker.openPopup(); });
    return true;
  }
  window.geoClaims = {map: map, cluster: cluster, entries: entries, state: state, apply: apply, openPlace: openPlace,
                      fit: fit};
})
