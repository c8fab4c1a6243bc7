// The alignment playbook: copy an entry's permanent link with one click. No external calls.
(function () {
  "use strict";

  // The permanent link of an entry: on its kind's page, even when a split kind shows the
  // entry on a sub-page (data-permalink names the kind's page, relative to this one).
  function permalink(link, anchor) {
    var page = link.getAttribute("data-permalink");
    var url = new URL(page || window.location.href, window.location.href);
    url.search = "";
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
    var url = permalink(link, anchor);
    if (navigator.clipboard && window.isSecureContext) {
      event.preventDefault();
      navigator.clipboard.writeText(url).then(function () {
        history.replaceState(null, "", "#" + anchor);
        copied(link);
      });
    }
  });
})();
