// The alignment playbook's editions: the banner of an older edition links to the same entry
// in the latest edition; Copy link offers this edition's permanent link and the latest's;
// the version selector keeps the page; and an id from an older edition is forwarded to the
// entry that carries it now. Every address is on this site: no request to another host.
(function () {
  "use strict";

  var NAME = /^[0-9a-z](?:[0-9a-z.]|-(?!-)){0,39}$/;
  var meta = document.querySelector('meta[name="pb-edition"]');
  var edition = meta ? meta.getAttribute("content") : "";
  var config = document.getElementById("__config");
  var base = config ? JSON.parse(config.textContent).base : ".";
  // This version's root (/2026-q4/) and the latest edition's (/latest/, a redirect).
  var root = new URL(base.replace(/\/?$/, "/"), window.location.href);
  var latest = new URL("../latest/", root);

  function anchor() {
    return decodeURIComponent(window.location.hash.slice(1));
  }

  // The page that holds an entry's permanent link: the kind's page, also on a part of a
  // split kind (whose copy links name it in data-permalink); else this page.
  function kindPage() {
    var copy = document.querySelector("a.pb-copy[data-permalink]");
    var url = new URL(copy ? copy.getAttribute("data-permalink") : window.location.href,
      window.location.href);
    url.search = "";
    url.hash = "";
    return url;
  }

  function inVersion(page, version) {
    var path = page.pathname.indexOf(root.pathname) === 0
      ? page.pathname.slice(root.pathname.length) : "";
    return new URL(path, version);
  }

  function isEntry(id) {
    if (!id) { return false; }
    var found = document.getElementById(id);
    return Boolean(found && (found.hasAttribute("data-pb-part") || headingOf(found)));
  }

  // The banner of an older edition: "This entry in the latest edition →".
  function pointBanner() {
    var link = document.querySelector(".pb-edition-banner a.pb-latest");
    if (!link) { return; }
    var id = anchor();
    var entry = isEntry(id);
    var target = inVersion(entry ? kindPage() : window.location, latest);
    if (edition && edition !== "dev") { target.search = "?from=" + encodeURIComponent(edition); }
    target.hash = id;
    link.href = target.toString();
    link.textContent = (entry ? "This entry" : "This page") + " in the latest edition →";
  }

  function copied(link) {
    link.classList.add("pb-copied");
    window.setTimeout(function () { link.classList.remove("pb-copied"); }, 1500);
  }

  // Copy link copies this edition's permanent link (docs/assets/playbook.js); next to it,
  // "latest" copies the link that always shows the newest edition.
  function offerLatestLinks() {
    if (!edition) { return; }
    var links = document.querySelectorAll("a.pb-copy");
    for (var i = 0; i < links.length; i++) {
      var own = links[i];
      var id = own.getAttribute("href").replace(/^#/, "");
      var named = edition === "dev" ? "the development version" : "the " + edition + " edition";
      own.title = "Copy the permanent link to this entry in " + named;
      var other = document.createElement("a");
      other.className = "pb-copy-latest";
      other.href = "#" + id;
      other.textContent = "latest";
      other.title = "Copy the link to this entry in the latest edition";
      own.parentNode.insertBefore(other, own.nextSibling);
      own.parentNode.insertBefore(document.createTextNode(" · "), other);
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.pb-copy-latest") : null;
    if (!link) { return; }
    var target = inVersion(kindPage(), latest);
    target.hash = link.getAttribute("href").replace(/^#/, "");
    if (navigator.clipboard && window.isSecureContext) {
      event.preventDefault();
      navigator.clipboard.writeText(target.toString()).then(function () { copied(link); });
    }
  });

  // The version selector (Material's) lands on the same page of the chosen version, or on
  // the kind's page for an entry of a split kind, when it is there; else on its start page.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".md-version__link") : null;
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) { return; }
    event.preventDefault();
    event.stopPropagation();
    var version = new URL(link.href);
    var id = anchor();
    var target = inVersion(isEntry(id) ? kindPage() : window.location, version);
    if (edition && edition !== "dev" && id) {
      target.search = "?from=" + encodeURIComponent(edition);
    }
    target.hash = id;
    var page = new URL(target);
    page.search = "";
    page.hash = "";
    window.fetch(page, { method: "HEAD" })
      .then(function (response) { window.location.assign(response.ok ? target : version); })
      .catch(function () { window.location.assign(version); });
  }, true);

  // Arriving from an older edition (?from=NAME): an id renamed since lands on the entry's
  // heading and new id, a deprecated one on its replacement, a missing one on a note.
  function headingOf(element) {
    if (/^H[1-6]$/.test(element.tagName)) { return element; }
    var holder = element.tagName === "A" && !element.textContent ? element.parentElement : null;
    var next = holder && holder.tagName === "P" ? holder.nextElementSibling : null;
    return next && /^H[1-6]$/.test(next.tagName) && next.id ? next : null;
  }

  function replacementOf(heading) {
    for (var node = heading.nextElementSibling; node; node = node.nextElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) { return null; }
      var use = node.matches(".pb-deprecated") ? node.querySelector("a[href*='#']") : null;
      if (use) { return use; }
    }
    return null;
  }

  function note(from, id) {
    var article = document.querySelector("article");
    if (!article) { return; }
    var box = document.createElement("div");
    box.className = "admonition note pb-edition-note";
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = "Not in this edition";
    var text = document.createElement("p");
    text.textContent = "The entry \u2018" + id + "\u2019 of the " + from + " edition is no " +
      "longer in the playbook. This page shows its kind as it is now.";
    box.appendChild(title);
    box.appendChild(text);
    var heading = article.querySelector("h1");
    article.insertBefore(box, heading ? heading.nextSibling : article.firstChild);
    box.scrollIntoView();
  }

  // Show the entry under its current id: the address says it, and the page scrolls to it
  // once laid out (again after the load, which may scroll to the id it was opened with).
  function land(heading) {
    window.history.replaceState(null, "", window.location.search + "#" + heading.id);
    heading.scrollIntoView();
    window.addEventListener("load", function () { heading.scrollIntoView(); });
  }

  function forward() {
    var from = new URLSearchParams(window.location.search).get("from") || "";
    var id = anchor();
    if (!NAME.test(from) || !id) { return; }
    var found = document.getElementById(id);
    if (!found) { note(from, id); return; }
    if (found.hasAttribute("data-pb-part")) { return; }  // the split kind's forwarding
    for (var hops = 0; hops < 20; hops++) {
      var heading = headingOf(found);
      if (!heading) { return; }
      var use = replacementOf(heading);
      if (!use) {
        if (heading.id !== anchor()) { land(heading); }
        return;
      }
      var next = new URL(use.href);
      next.search = window.location.search;
      if (next.pathname !== window.location.pathname) { window.location.replace(next); return; }
      id = next.hash.slice(1);
      found = document.getElementById(decodeURIComponent(id));
      if (!found) { return; }
    }
  }

  function start() {
    offerLatestLinks();
    pointBanner();
    forward();
  }

  window.addEventListener("hashchange", pointBanner);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
