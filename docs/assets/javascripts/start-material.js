/* Starts Material's bundle on the reader's first move, not with every page; until then,
   does what a reader sees without touching anything. Why and how: the comment beside the
   <script> tag in site_builder/theme/main.html. */
(function () {
  "use strict";
  var bundle = document.currentScript.dataset.bundle;
  var TRIGGERS = ["pointerdown", "touchstart", "mousemove", "wheel", "scroll", "keydown",
    "focusin", "click"];
  var form = document.querySelector("[data-md-component='palette']");
  var inputs = form ? Array.prototype.slice.call(form.querySelectorAll("input")) : [];
  var started = false;
  var pendingKey = null;

  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  function colorOf(input) {
    return {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent")
    };
  }

  /* As Material's palette component does: the chosen scheme on <body>, the toggle to the
     next one shown. */
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

  function onPaletteChange(event) {  // until Material has started (it then does this)
    applyPalette(inputs.indexOf(event.target), true);
  }

  if (inputs.length) {
    var stored = __md_get("__palette");
    var index = stored ? stored.index : inputs.findIndex(function (input) {
      return matchMedia(input.getAttribute("data-md-color-media")).matches;
    });
    applyPalette(Math.max(0, Math.min(index, inputs.length - 1)), false);
    form.addEventListener("change", onPaletteChange);
  }

  function editable(target) {
    return target instanceof Element && !!target.closest("input, textarea, select, [contenteditable]");
  }

  function start(event) {
    if (event && event.type === "keydown" && !editable(event.target) &&
        !event.ctrlKey && !event.metaKey && !event.altKey) pendingKey = event.key;
    if (started) return;
    started = true;
    TRIGGERS.forEach(function (name) { window.removeEventListener(name, start, true); });
    var script = document.createElement("script");
    script.src = bundle;
    script.onload = function () {
      form && form.removeEventListener("change", onPaletteChange);
      // loaded while the page was still being read: the real event is still to come
      if (document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"));
      document.documentElement.dataset.material = "started";
      if (pendingKey) window.dispatchEvent(new KeyboardEvent("keydown", { key: pendingKey, bubbles: true }));
    };
    document.body.appendChild(script);
  }

  TRIGGERS.forEach(function (name) {
    window.addEventListener(name, start, { capture: true, passive: true });
  });
  if (/[?&]h=/.test(location.search)) start();
})();
