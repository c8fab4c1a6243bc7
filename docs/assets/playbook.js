// The alignment playbook: copy an entry's permanent link with one click. No external calls.
(function () {
  "use strict";

  function permalink(anchor) {
    var url = new URL(window.location.href);
    url.hash = anchor;
    return url.toString();
  }

  function copied(link) {
    link.classList.add("pb-copied");
    window.setTimeout(function () { link.classList.remove("pb-copied"); }, 1500);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.pb-copy") : null;
    if (!link) { return; }
    var anchor = link.getAttribute("href").replace(/^#/, "");
    var url = permalink(anchor);
    if (navigator.clipboard && window.isSecureContext) {
      event.preventDefault();
      navigator.clipboard.writeText(url).then(function () {
        history.replaceState(null, "", "#" + anchor);
        copied(link);
      });
    }
  });
})();
