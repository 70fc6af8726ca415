/* Starts Material's bundle on the reader's first move, not with every page; until then,
   does what a reader sees without touching anything, and what Material would do on a
   tap, a print or a key before it runs. Why and how: the comment beside the <script> tag
   in site_builder/theme/main.html. */
(function () {
  "use strict";
  var bundle = document.currentScript.dataset.bundle;
  var TRIGGERS = ["pointerdown", "touchstart", "mousemove", "wheel", "scroll", "keydown",
    "focusin", "click"];
  var root = document.documentElement;
  var form = document.querySelector("[data-md-component='palette']");
  var inputs = form ? Array.prototype.slice.call(form.querySelectorAll("input")) : [];
  var searchToggle = document.getElementById("__search");
  var searchBox = document.querySelector(".md-search__input");
  var started = false;
  var loaded = false;
  var pendingKey = null;
  var interim = [];  // [target, type, listener]: this script's stand-ins until Material runs

  function meanwhile(target, type, listener) {
    target.addEventListener(type, listener);
    interim.push([target, type, listener]);
  }

  root.classList.remove("no-js");
  root.classList.add("js");

  function colorOf(input) {
    return {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent")
    };
  }

  /* As Material's palette component does: the chosen scheme on <body>, the toggle to the
     next one shown, the choice stored where Material reads it. */
  function applyPalette(index, store) {
    var color = colorOf(inputs[index]);
    Object.keys(color).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, color[key]);
    });
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = i !== index;
    });
    if (store) __md_set("__palette", { index: index, color: color });
  }

  function storedPalette() {
    try {
      return __md_get("__palette");
    } catch (blockedOrDamaged) {  // storage refused, or not JSON: as on a first visit
      return null;
    }
  }

  if (inputs.length) {
    var stored = storedPalette();
    var index = stored && typeof stored.index === "number" ? stored.index : inputs.findIndex(
      function (input) { return matchMedia(input.getAttribute("data-md-color-media")).matches; });
    // a first visit's scheme is stored, as Material stored it on load: a later change of the
    // system's scheme does not flip the page when Material starts
    applyPalette(Math.max(0, Math.min(index, inputs.length - 1)), !stored);
    meanwhile(form, "change", function (event) {
      applyPalette(inputs.indexOf(event.target), true);
    });
  }

  if (searchToggle && searchBox) {
    // search opened by a tap (or a screen reader's click): ready to type, as Material does
    meanwhile(searchToggle, "change", function () {
      if (searchToggle.checked) searchBox.focus();
    });
    // Enter before Material runs: the query stays, the page is not reloaded as ?query=
    if (searchBox.form) meanwhile(searchBox.form, "submit", function (event) { event.preventDefault(); });
  }

  // printed before Material runs: every <details> open on paper, as Material does
  var closed = [];
  meanwhile(window, "beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    closed.forEach(function (d) { d.open = true; });
  });
  meanwhile(window, "afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });

  function editable(target) {
    return target instanceof Element && !!target.closest("input, textarea, select, [contenteditable]");
  }

  function arm(on) {
    TRIGGERS.forEach(function (name) {
      if (on) window.addEventListener(name, start, { capture: true, passive: true });
      else window.removeEventListener(name, start, true);
    });
  }

  function mounted() {
    interim.forEach(function (entry) { entry[0].removeEventListener(entry[1], entry[2]); });
    interim = [];
    root.dataset.material = "started";
    if (pendingKey) window.dispatchEvent(new KeyboardEvent("keydown", { key: pendingKey, bubbles: true }));
    pendingKey = null;
  }

  function start(event) {
    // the browser's own jump to an #anchor or to where a reload left off is not the reader
    if (event && event.type === "scroll" && !loaded) return;
    if (event && event.type === "keydown" && !editable(event.target) &&
        !event.ctrlKey && !event.metaKey && !event.altKey) pendingKey = event.key;
    if (started) return;
    started = true;
    arm(false);
    var script = document.createElement("script");
    script.src = bundle;
    script.onload = function () {
      // Material mounts on DOMContentLoaded: still to come while the page is being read
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", mounted, { once: true });
      } else {
        document.dispatchEvent(new Event("DOMContentLoaded"));
        mounted();
      }
    };
    script.onerror = function () {  // not fetched (offline, say): the next move tries again
      script.remove();
      started = false;
      arm(true);
    };
    document.body.appendChild(script);
  }

  window.addEventListener("load", function () { loaded = true; });
  arm(true);
  if (/[?&]h=/.test(location.search)) start();
})();
