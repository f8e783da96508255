/* Claims as list items for popups and panels, built from the payload's claims table.
 * The payload stores every string once (data.strings) and claims as columns of indices into it.
 * Every string from an article enters the page with textContent, never as HTML, and links are
 * followed only when they are http(s): nothing an article says can run as script. Each field from
 * an article is a bidirectional isolate (<bdi>, its direction from its own text) and dates are
 * isolated left to right, so Arabic beside a date or a number never reorders it. */
(function (data) {
  "use strict";
  var S = data.strings, C = data.claims, SRC = data.sources, sides = data.legend.sides;

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

  // Text in an isolate: its own direction ("auto": from its first strong letter) or the one given.
  function isolate(text, dir) { return el("bdi", {dir: dir || "auto"}, text); }

  // The direction of a line made of isolates, from the first strong letter of its leading text (a
  // line's dir="auto" would not look inside its isolates).
  var STRONG = /[A-Za-z\u00C0-\u02AF\u0370-\u058F\u10A0-\u10FF]|([\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])/;
  function direction(text) {
    var m = STRONG.exec(text || "");
    return m && m[1] ? "rtl" : "ltr";
  }

  function str(i) { return S[i] || ""; }

  function link(url, text) {
    if (!/^https?:\/\//i.test(url)) return el("span", null, text);
    return el("a", {href: url, target: "_blank", rel: "noopener noreferrer", dir: "auto"}, text || url);
  }

  function sentence(i) {
    var text = str(C.text[i]), mark = C.mark[i], rtl = C.rtl[i] === 1;
    var q = el("blockquote", {"class": "gc-sentence", dir: rtl ? "rtl" : "ltr", lang: rtl ? "ar" : "en"});
    if (mark) {
      q.appendChild(document.createTextNode(text.slice(0, mark[0])));
      add(q, el("mark", null, text.slice(mark[0], mark[1])));
      q.appendChild(document.createTextNode(text.slice(mark[1])));
    } else {
      q.textContent = text;
    }
    return q;
  }

  function source(parent, j) {
    var outlet = str(SRC.outlet[j]), published = str(SRC.published[j]);
    parent.setAttribute("dir", direction(str(SRC.title[j]) || outlet));
    add(add(parent, el("bdi", {dir: "auto"})), link(str(SRC.url[j]), str(SRC.title[j])));
    if (outlet || published) add(parent, document.createTextNode(" — "));
    if (outlet) add(parent, isolate(outlet));
    if (outlet && published) add(parent, document.createTextNode(", "));
    if (published) add(parent, isolate(published, "ltr"));
  }

  // A claim several outlets report: its sources, the first SOURCES of them until asked for all.
  var SOURCES = 8;
  function sources(li, i) {
    var rows = C.src[i], count = Math.max(C.nsrc[i] || 0, rows.length);
    if (count <= 1 && rows.length === 1) {
      source(add(li, el("div", {"class": "gc-source"})), rows[0]);
      return;
    }
    var box = add(li, el("div", {"class": "gc-sources"}));
    add(box, el("div", {"class": "gc-sources-head"}, "Reported by " + count + " sources"));
    var list = add(box, el("ul"));
    function upTo(n) { rows.slice(list.childNodes.length, n).forEach(function (j) { source(add(list, el("li", {"class": "gc-source"})), j); }); }
    upTo(SOURCES);
    if (rows.length > SOURCES) {
      var all = add(box, el("button", {type: "button", "class": "gc-more"}, "Show all " + rows.length + " sources"));
      all.addEventListener("click", function () { upTo(rows.length); all.remove(); });
    }
  }

  function claimItem(i) {
    var side = sides[C.side[i]];
    var li = el("li", {"class": "gc-claim", "data-side": side.side, "data-claim": str(C.id[i])});
    var head = add(li, el("div", {"class": "gc-head"}));
    var badge = add(head, el("span", {"class": "gc-side"}, side.side));
    if (side.colour) badge.style.background = side.colour;
    add(head, document.createTextNode(" "));
    add(add(head, el("b", {"class": "gc-claimant"})), isolate(str(C.who[i])));
    if (C.written[i]) {
      var written = add(head, el("span", {"class": "gc-written"}, " ("));
      add(written, isolate(str(C.written[i])));
      add(written, document.createTextNode(")"));
    }
    if (C.denies[i]) add(head, el("span", {"class": "gc-denies"}, " denies"));
    add(li, el("div", {"class": "gc-event"}, str(C.event[i])));
    if (C.qty[i].length) add(li, el("div", {"class": "gc-quantities"}, C.qty[i].map(str).join("; ")));
    if (C.fat[i]) add(li, el("div", {"class": "gc-fatalities"}, "Fatalities reported: " + str(C.fat[i])));
    if (C.date[i] || C.where[i]) {
      var meta = add(li, el("div", {"class": "gc-meta"}));
      if (C.date[i]) add(meta, isolate(str(C.date[i]), "ltr"));
      if (C.date[i] && C.where[i]) add(meta, document.createTextNode(" · "));
      if (C.where[i]) add(meta, isolate(str(C.where[i])));
    }
    if (C.text[i]) add(li, sentence(i));
    if (C.place[i]) {
      var p = add(li, el("div", {"class": "gc-place"}, "“"));
      add(p, isolate(str(C.mention[i])));
      add(p, document.createTextNode("” → "));
      add(p, isolate(str(C.place[i])));
      if (C.gid[i]) add(p, document.createTextNode(" (GeoNames " + C.gid[i] + ")"));
      if (C.review[i]) {
        var review = add(p, el("span", {"class": "gc-review"}, " needs review"));
        C.alt[i].forEach(function (a, k) {
          add(review, document.createTextNode(k ? ", " : ": or "));
          add(review, isolate(str(a)));
        });
      }
    }
    sources(li, i);
    return li;
  }

  // A list of claims (rows of the table), PAGE at a time: a button adds the next ones.
  var PAGE = 50;
  function claimList(parent, rows) {
    var list = add(parent, el("ol", {"class": "gc-claims"}));
    var more = null, done = 0;
    function next() {
      rows.slice(done, done + PAGE).forEach(function (i) { list.appendChild(claimItem(i)); });
      done = Math.min(rows.length, done + PAGE);
      if (done < rows.length) {
        if (!more) {
          more = add(parent, el("button", {type: "button", "class": "gc-more"}));
          more.addEventListener("click", next);
        }
        more.textContent = "Show " + Math.min(PAGE, rows.length - done) + " more (" + (rows.length - done) + " not shown)";
      } else if (more) {
        more.remove();
      }
    }
    next();
    return list;
  }

  // The popup of a place: its name, whether it is contested, and the claims shown (rows of the table).
  function placeBox(place, rows, contested) {
    var box = el("div", {"class": "gc-popup"});
    var h = add(box, el("h4"));
    add(h, isolate(place.name));
    if (place.geonameid) add(h, el("small", null, " GeoNames " + place.geonameid));
    if (contested) add(box, el("div", {"class": "gc-contested-note"}, "Contested: opposing sides make claims here"));
    if (rows.length < place.claims.length) {
      add(box, el("div", {"class": "gc-hidden-note"}, rows.length + " of " + place.claims.length + " claims shown (filters or time range)"));
    }
    claimList(box, rows);
    return box;
  }

  return {el: el, add: add, str: str, link: link, isolate: isolate, direction: direction, claimItem: claimItem, claimList: claimList, placeBox: placeBox};
})
