/* A time slider for the claims map: two range inputs (from, to) that step through the days that
 * have claims (a day with none is no step, so a lone old claim takes one step, not months of track),
 * the dates they select, a play button, and how many claims are shown. It opens on the default
 * dates (the bulk of the claims; far-off days stay reachable and are counted in the panel). It only
 * sets the range on the claims layer (window.geoClaims.setRange); the layer hides markers, popup
 * entries and unplaced claims outside it. Claims without a day show while the range covers the
 * default dates. Dates are computed from the payload's day numbers; nothing from an article is used. */
(function (map, claims) {
  "use strict";
  var span = claims.data.timeline;
  if (!span) return;
  var DAY = 86400000, days = span.days, last = days.length - 1;
  var playing = null, pending = false;

  function iso(day) { return new Date(day * DAY).toISOString().slice(0, 10); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var box = el("div", {"class": "gc-panel gc-timeline", id: "gc-timeline", role: "group", "aria-labelledby": "gc-tl-head"});
  box.appendChild(el("h5", {id: "gc-tl-head"}, "Dates of the claims"));

  function slider(name, label, value) {
    var row = box.appendChild(el("div", {"class": "gc-tl-row"}));
    row.appendChild(el("label", {"for": "gc-tl-" + name}, label));
    var input = row.appendChild(el("input", {type: "range", id: "gc-tl-" + name, "data-end": name, min: 0, max: last,
                                             step: 1, value: value}));
    var out = row.appendChild(el("output", {"for": "gc-tl-" + name, id: "gc-tl-" + name + "-date", dir: "ltr"}));
    return {input: input, out: out};
  }
  var from = slider("from", "From", days.indexOf(span.from)), to = slider("to", "To", days.indexOf(span.to));
  var foot = box.appendChild(el("div", {"class": "gc-tl-foot"}));
  var play = foot.appendChild(el("button", {type: "button", "class": "gc-tl-play", "aria-pressed": "false"}, "▶ Play"));
  var reset = foot.appendChild(el("button", {type: "button", "class": "gc-tl-reset"}, "All dates"));
  var status = foot.appendChild(el("span", {"class": "gc-tl-status", role: "status"}));
  if (span.outside) {
    box.appendChild(el("div", {"class": "gc-tl-note gc-tl-outside"},
                       span.outside + " claim(s) on days far from the others (" + iso(span.first) + " to " + iso(span.last) +
                       " in all): not in the opening range, reachable with the slider or All dates"));
  }
  if (span.undated) {
    box.appendChild(el("div", {"class": "gc-tl-note"},
                       span.undated + " claim(s) without a date show while the range covers " + iso(span.from) + " to " + iso(span.to)));
  }

  function value(s) { return parseInt(s.input.value, 10); }

  function show() {
    [from, to].forEach(function (s) {
      var day = iso(days[value(s)]);
      s.out.textContent = day;
      s.input.setAttribute("aria-valuetext", day);
    });
  }

  // Redraw at most once a frame, however fast the handles move.
  function schedule() {
    show();
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      var a = value(from), b = value(to);
      claims.setRange(a <= 0 ? null : days[a], b >= last ? null : days[b]);
    });
  }

  function moved(s, other, keepOrder) {
    if (keepOrder(value(s), value(other))) other.input.value = s.input.value;
    schedule();
  }
  from.input.addEventListener("input", function () {
    stop();
    moved(from, to, function (a, b) { return a > b; });
  });
  to.input.addEventListener("input", function () {
    stop();
    moved(to, from, function (b, a) { return b < a; });
  });

  function stop() {
    if (playing === null) return;
    window.clearInterval(playing);
    playing = null;
    play.textContent = "▶ Play";
    play.setAttribute("aria-pressed", "false");
  }

  // Play: the end of the range walks forward from the start, one day with claims at a time (many
  // at a time on long spans), so claims appear in the order they happened.
  play.addEventListener("click", function () {
    if (playing !== null) { stop(); return; }
    if (value(to) >= last) to.input.value = from.input.value;
    var step = Math.max(1, Math.round(last / 60));
    play.textContent = "⏸ Pause";
    play.setAttribute("aria-pressed", "true");
    schedule();
    playing = window.setInterval(function () {
      to.input.value = Math.min(last, value(to) + step);
      schedule();
      if (value(to) >= last) stop();
    }, 300);
  });
  reset.addEventListener("click", function () {
    stop();
    from.input.value = 0;
    to.input.value = last;
    schedule();
  });

  claims.onApply(function (count) { status.textContent = count + " of " + claims.events + " claims shown"; });
  status.textContent = claims.count + " of " + claims.events + " claims shown";
  show();

  var Timeline = L.Control.extend({
    options: {position: "bottomright"},
    onAdd: function () {
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });
  new Timeline().addTo(map);
  claims.fit();  // again, now that this panel takes its room
  claims.timeline = {from: from.input, to: to.input, play: play, reset: reset, iso: iso, days: days};
})
