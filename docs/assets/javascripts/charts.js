/* Charts: every chart is a static SVG in the page (readable without JavaScript). On the
   first interaction with a chart, Vega is loaded from this site and the chart's
   precompiled spec replaces the SVG with a live view: tooltips with value, qualifier and
   evidence, and PNG/SVG export. Bound through Material's document$ so it works after
   instant navigation. Nothing here runs until a reader touches a chart. */
(function () {
  "use strict";
  var vegaUrl = new URL("../vendor/vega.js", document.currentScript.src).href;
  var loading = null;
  var tip = null;

  function loadVega() {
    if (window.vegaEmbed) return Promise.resolve(window.vegaEmbed);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = vegaUrl;
        s.async = true;
        s.onload = function () { resolve(window.vegaEmbed); };
        s.onerror = function () { loading = null; reject(new Error("vega failed to load")); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function tooltipElement() {
    if (!tip || !document.body.contains(tip)) {
      tip = document.createElement("div");
      tip.className = "chart-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  // Vega tooltip handler; text goes in through textContent only, so data stays inert.
  function showTooltip(handler, event, item, value) {
    var el = tooltipElement();
    if (value === null || value === undefined || value === "") { el.hidden = true; return; }
    el.textContent = "";
    if (typeof value === "object") {
      Object.keys(value).forEach(function (key) {
        var row = document.createElement("div");
        var k = document.createElement("span");
        k.className = "chart-tooltip-key";
        k.textContent = key;
        var v = document.createElement("span");
        v.textContent = String(value[key]);
        row.appendChild(k);
        row.appendChild(v);
        el.appendChild(row);
      });
    } else {
      el.textContent = String(value);
    }
    el.hidden = false;
    var x = event.clientX + 12, y = event.clientY + 12;
    if (x + el.offsetWidth > window.innerWidth - 8) x = Math.max(8, event.clientX - el.offsetWidth - 12);
    if (y + el.offsetHeight > window.innerHeight - 8) y = Math.max(8, event.clientY - el.offsetHeight - 12);
    el.style.left = x + "px";
    el.style.top = y + "px";
  }

  function activate(figure) {
    if (figure._view) return figure._view;
    figure.dataset.state = "loading";
    figure._view = loadVega()
      .then(function (vegaEmbed) {
        return fetch(figure.dataset.spec)
          .then(function (r) { return r.json(); })
          .then(function (spec) {
            var holder = figure.querySelector(".chart-svg");
            var stage = document.createElement("div");
            var options = { mode: "vega", renderer: "svg", actions: false, tooltip: showTooltip };
            return vegaEmbed(stage, spec, options).then(function (result) {
              var view = result.view;
              var svg = stage.querySelector("svg");
              if (svg) {
                svg.setAttribute("focusable", "false");
                svg.removeAttribute("width");
                svg.removeAttribute("height");
              }
              holder.replaceChildren(stage);
              figure.dataset.state = "live";
              return view;
            });
          });
      })
      .catch(function (err) {
        if (window.console) console.warn("chart stays static:", err);
        figure._view = null;
        figure.dataset.state = "static"; // the static SVG stays in place
        return null;
      });
    return figure._view;
  }

  function save(figure, type) {
    activate(figure).then(function (view) {
      if (!view) return;
      return view.toImageURL(type, type === "png" ? 2 : 1).then(function (url) {
        var a = document.createElement("a");
        a.href = url;
        a.download = figure.dataset.chartId + "." + type;
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
    });
  }

  function setup() {
    if (tip) tip.hidden = true;
    document.querySelectorAll("figure.chart[data-spec]").forEach(function (figure) {
      if (figure.dataset.bound) return;
      figure.dataset.bound = "1";
      ["pointerenter", "touchstart", "focusin"].forEach(function (type) {
        figure.addEventListener(type, function () { activate(figure); }, { passive: true });
      });
      figure.addEventListener("pointerleave", function () { if (tip) tip.hidden = true; });
      var line = figure.querySelector(".chart-source");
      if (!line) return;
      var actions = document.createElement("span");
      actions.className = "chart-actions";
      ["png", "svg"].forEach(function (type) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "chart-save";
        b.textContent = "保存为 " + type.toUpperCase();
        b.addEventListener("click", function () { save(figure, type); });
        actions.appendChild(b);
      });
      line.appendChild(actions);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
