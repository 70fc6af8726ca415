/* Search that works however the text arrives.

   Material's search reads its box on `keyup` (and on focus). Text that arrives without a
   key-up found nothing until another key was pressed: a paste from the context menu,
   dictation, an IME commit on some phones, or input events alone. Here every `input`
   event, and the end of an IME composition, is passed on to Material as a `keyup`.
   Mid-composition input (pinyin not yet committed) is not passed on, and a real keyboard's
   own key-ups during a composition (one per pinyin letter) are held back before they reach
   Material, so "wei", "weixie" are never searched: the query is read once the composition
   ends. Delegated from the document (capture phase, which runs before Material's listener
   on the box), so it survives Material's instant navigation without re-binding. */
(function () {
  "use strict";
  var SELECTOR = "input[data-md-component='search-query']";

  function tell(input) {
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(SELECTOR) || event.isComposing) return;
    tell(input);
  }, true);

  document.addEventListener("keyup", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(SELECTOR)) return;
    // 229: the key code browsers give a key the IME is handling
    if (event.isComposing || event.keyCode === 229) event.stopImmediatePropagation();
  }, true);

  document.addEventListener("compositionend", function (event) {
    var input = event.target;
    if (input.matches && input.matches(SELECTOR)) tell(input);
  }, true);
})();
