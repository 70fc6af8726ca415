/* Charts need no runtime: each is a static SVG in the page whose marks carry their own
   labels (aria-label: region, value with its qualifier, evidence). This script only
   - shows a mark's label on hover, tap or pen (a tooltip, text only, so data stays inert);
   - saves a chart as PNG or SVG with its title and source line, for WeChat articles and
     slides, drawn from the SVG already in the page;
   - keeps a table's wrapper a tab stop only while it scrolls;
   - lands a jump to an anchor (#全部数字) on its target, below charts not yet laid out.
   It needs nothing of Material's, whose bundle starts later (start-material.js). */
(function () {
  "use strict";
  var MARK = ".chart-svg .role-mark > [aria-label]";
  var tip = null;

  function tooltip() {
    if (!tip || !document.body.contains(tip)) {
      tip = document.createElement("div");
      tip.className = "chart-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(mark, x, y) {
    var el = tooltip();
    el.textContent = mark.getAttribute("aria-label");
    el.hidden = false;
    var left = x + 12, top = y + 12;
    if (left + el.offsetWidth > window.innerWidth - 8) left = Math.max(8, x - el.offsetWidth - 12);
    if (top + el.offsetHeight > window.innerHeight - 8) top = Math.max(8, y - el.offsetHeight - 12);
    el.style.left = left + "px";
    el.style.top = top + "px";
  }

  function hide() { if (tip) tip.hidden = true; }

  function markAt(event) {
    return event.target && event.target.closest ? event.target.closest(MARK) : null;
  }

  document.addEventListener("pointerover", function (event) {
    var mark = markAt(event);
    if (mark) show(mark, event.clientX, event.clientY);
  });
  document.addEventListener("pointerout", function (event) {
    // A tap's pointerup is followed by pointerout: the label stays until the next tap.
    if (event.pointerType !== "mouse") return;
    if (markAt(event)) hide();
  });
  document.addEventListener("pointerdown", function (event) {  // a tap on a phone
    var mark = markAt(event);
    if (mark) show(mark, event.clientX, event.clientY); else hide();
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });

  /* A standalone SVG of the chart: white background, its source line under it. */
  function standalone(figure) {
    var svg = figure.querySelector(".chart-svg svg").cloneNode(true);
    var live = svg.viewBox.baseVal;  // live: copy it before the viewBox grows
    var box = { x: live.x, y: live.y, width: live.width, height: live.height };
    var line = figure.querySelector(".chart-source").cloneNode(true);
    line.querySelectorAll(".chart-actions, a").forEach(function (el) { el.remove(); });
    var site = document.querySelector('meta[property="og:site_name"]');
    var source = line.textContent.replace(/\s+/g, " ").trim();
    if (site) {  // in an article, "本站" would be the article: name the site, as share images do
      var named = "“" + site.content + "”网站";
      source = source.replace("，本站整理", "；" + named + "整理").replace("本站绘制", named + "绘制");
    }
    var ns = "http://www.w3.org/2000/svg";
    var width = Math.max(box.width, 320);
    var perLine = Math.floor((width - 12) / 11);  // 11 px characters
    var lines = [];
    for (var i = 0; i < source.length; i += perLine) lines.push(source.slice(i, i + perLine));
    var height = box.height + 16 * lines.length + 12;
    svg.setAttribute("viewBox", box.x + " " + box.y + " " + width + " " + height);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.removeAttribute("aria-hidden");
    // each label names only the face it was measured in, Noto Sans CJK SC: the file takes
    // the faces the page draws them in (site.css), so that where that face is missing it
    // falls back to the same design or a close one, not a serif
    var drawn = figure.querySelector(".chart-svg svg text");
    var faces = drawn ? getComputedStyle(drawn).fontFamily : "sans-serif";
    svg.setAttribute("font-family", faces);
    var bg = document.createElementNS(ns, "rect");
    bg.setAttribute("x", box.x); bg.setAttribute("y", box.y);
    bg.setAttribute("width", width); bg.setAttribute("height", height);
    bg.setAttribute("fill", "#ffffff");
    svg.insertBefore(bg, svg.firstChild);
    var text = document.createElementNS(ns, "text");
    text.setAttribute("font-size", "11");
    text.setAttribute("fill", "#545454");
    lines.forEach(function (part, n) {
      var span = document.createElementNS(ns, "tspan");
      span.setAttribute("x", box.x + 6);
      span.setAttribute("y", box.y + box.height + 16 * (n + 1));
      span.textContent = part;
      text.appendChild(span);
    });
    svg.appendChild(text);
    // The page's dark scheme recolours text by CSS, which a file does not carry: the file
    // keeps each text's own colour (grey notes stay grey), dark where none is set.
    svg.querySelectorAll("text").forEach(function (t) {
      if (t !== text && !t.getAttribute("fill")) t.setAttribute("fill", "#222222");
      if (t.hasAttribute("font-family")) t.setAttribute("font-family", faces);
    });
    return { markup: new XMLSerializer().serializeToString(svg), width: width, height: height };
  }

  function download(href, name) {
    var a = document.createElement("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function save(figure, type) {
    var out = standalone(figure);
    var name = figure.dataset.chartId + "." + type;
    var url = URL.createObjectURL(new Blob([out.markup], { type: "image/svg+xml" }));
    if (type === "svg") { download(url, name); setTimeout(function () { URL.revokeObjectURL(url); }, 0); return; }
    var img = new Image();
    img.onload = function () {
      // about 1,100 px wide or more: sharp in a WeChat article on any phone
      var scale = Math.max(2, Math.ceil(1080 / out.width)), canvas = document.createElement("canvas");
      canvas.width = out.width * scale;
      canvas.height = out.height * scale;
      var ctx = canvas.getContext("2d");
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, out.width, out.height);
      URL.revokeObjectURL(url);
      canvas.toBlob(function (blob) {
        var png = URL.createObjectURL(blob);
        download(png, name);
        setTimeout(function () { URL.revokeObjectURL(png); }, 0);
      }, "image/png");
    };
    img.src = url;
  }

  // the buttons are in the page (shown once it runs scripts: site.css)
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".chart-save");
    if (button) save(button.closest("figure.chart"), button.dataset.type);
  });

  /* A table's wrapper, and an embed snippet's code, is a tab stop (tabindex=0 in the HTML,
     so keyboards can scroll it without JavaScript) only while it actually scrolls: on a
     phone most tables become cards. Measured when the browser has laid it out anyway (a
     ResizeObserver: again when a <details> opens or the window turns), never by forcing a
     layout of the whole page at start-up. */
  var SCROLLERS = ".table-wrap, .embed-snippet > code";
  function tabStop(el) {
    if (el.scrollWidth > el.clientWidth + 1) el.setAttribute("tabindex", "0");
    else el.removeAttribute("tabindex");
  }
  var sizes = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { tabStop(entry.target); });
  }) : null;

  function setup() {
    landOnTarget();
    document.querySelectorAll(SCROLLERS).forEach(function (el) {
      if (sizes) sizes.observe(el); else tabStop(el);
    });
  }

  /* A jump to a heading or a figure's anchor lower on the page lands where it was while the
     charts above it were placeholders (content-visibility: auto sizes a chart by estimate
     until it comes near): lay those charts out, then jump again, to the right place. */
  function landOnTarget() {
    var id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (malformed) {
      // a hand-typed "%" that is no escape: look the id up as written
    }
    var target = id && document.getElementById(id);
    if (!target) return;
    var moved = false;
    document.querySelectorAll("figure.chart").forEach(function (figure) {
      var before = figure.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING;
      if (before && !figure.contains(target) && figure.style.contentVisibility !== "visible") {
        figure.style.contentVisibility = "visible";
        moved = true;
      }
    });
    if (moved) target.scrollIntoView();
  }
  window.addEventListener("hashchange", landOnTarget);

  if (document.readyState === "loading") {
    // once: start-material.js sends the event again for Material, long after this ran
    document.addEventListener("DOMContentLoaded", setup, { once: true });
  } else {
    setup();
  }
})();
