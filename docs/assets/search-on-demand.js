/* Load search when a reader opens it, not on every page load.
 *
 * As soon as any page loads, the theme asks for search/search_index.json
 * (about 170 KB compressed) and starts its search worker (a 12 KB script).
 * This script, loaded before the theme's, holds both back until the search box
 * is opened, focused or typed into; search then works exactly as before. A
 * page reached from a search result (?h= in its address, to highlight the
 * words) loads them at once.
 */
(function () {
  "use strict";
  var INDEX = /(^|\/)search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var workers = [];
  var wanted = /[?&]h=/.test(location.search);
  var SEARCH_WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var RealWorker = window.Worker;

  /* The theme only listens to its worker ("message") and posts to it: a
     stand-in that queues messages until the real worker starts is enough. */
  function HeldWorker(url, options) {
    var stand = new EventTarget();
    var queue = [];
    var real = null;
    stand.postMessage = function (message, transfer) {
      if (real) real.postMessage(message, transfer);
      else queue.push([message, transfer]);
    };
    stand.terminate = function () {
      if (real) real.terminate();
      queue = [];
    };
    stand.start = function () {
      real = new RealWorker(url, options);
      real.addEventListener("message", function (event) {
        stand.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      real.addEventListener("error", function () {
        stand.dispatchEvent(new Event("error"));
      });
      queue.splice(0).forEach(function (item) {
        real.postMessage(item[0], item[1]);
      });
    };
    return stand;
  }

  if (RealWorker && typeof EventTarget === "function") {
    window.Worker = function (url, options) {
      if (wanted || !SEARCH_WORKER.test(String(url))) return new RealWorker(url, options);
      var worker = HeldWorker(url, options);
      workers.push(worker);
      return worker;
    };
    window.Worker.prototype = RealWorker.prototype;
  }

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
    workers.splice(0).forEach(function (worker) {
      worker.start();
    });
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
