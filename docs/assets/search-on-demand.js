/* Fetch the search index when a reader opens search, not on every page load.
 *
 * The theme asks for search/search_index.json (about 150 KB compressed) as soon
 * as any page loads. This script, loaded before the theme's, holds that one
 * request back until the search box is opened, focused or typed into; search
 * then works exactly as before. A page reached from a search result (with
 * ?h= in its address, to highlight the words) asks at once.
 */
(function () {
  "use strict";
  var INDEX = /(^|\/)search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = /[?&]h=/.test(location.search);

  XMLHttpRequest.prototype.open = function (method, url) {
    this.kbHold = INDEX.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.kbHold && !wanted) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (request) {
      send.apply(request[0], request[1]);
    });
  }

  function inSearch(target) {
    return target && target.closest && target.closest("form[name=search], [for=__search]");
  }
  document.addEventListener("focusin", function (event) {
    if (inSearch(event.target)) release();
  });
  document.addEventListener("pointerdown", function (event) {
    if (inSearch(event.target)) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  });
})();
