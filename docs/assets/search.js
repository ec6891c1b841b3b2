/*
 * Newsroom search: a small UI on Pagefind's JS API (the bundle is served from this site;
 * nothing is fetched from elsewhere).
 *
 * - Pagefind picks the index of the page's <html lang>, folds tone and vowel marks and ranks
 *   exact diacritics first. It does not fold "đ": the build adds a hidden folded copy of every
 *   "đ" word to the index (hooks/newsroom/outputs/search.py); its length is the `fold_len` meta and is
 *   cut off the text shown here.
 * - Queries are normalised to NFC, so NFD input (pasted, macOS) behaves like NFC.
 * - Excerpts are built here, from the page text, with matches found on folded text, so
 *   `dat dai` highlights "đất đai" in the original spelling.
 */
(() => {
  "use strict";

  const HEADER_RESULTS = 6;
  const PAGE_RESULTS = 20;
  const EXCERPT_CHARS = 220;

  const box = document.querySelector("[data-nr-search]");
  if (!box) return;
  const lang = box.dataset.lang === "en" ? "en" : "vi";
  // Wording comes from the site's catalogue (hooks/newsroom/common/data/wording-*.toml, section
  // search_script), written into data-text by overrides/partials/nr-search.html.
  const words = JSON.parse(box.dataset.text || "{}");
  const fill = (text, n) => String(text || "").replace("{n}", String(n));
  const t = {
    ...words,
    results: (n) => fill(n === 1 ? words.results_one : words.results_other, n),
    all: (n) => fill(words.all, n),
  };
  const root = new URL(box.dataset.root || "/", location.href);

  // -- Pagefind -----------------------------------------------------------------------------
  // The index is split by year, a large year in month ranges (hooks/newsroom/outputs/
  // search_shards.py): the manifest lists this language's index folders, the root first, then
  // newest first. Pagefind searches in one Web Worker, one index after the other, and a common
  // query costs each year about 0.2 s at 10,000 articles ("thi hanh an" is in nearly every
  // article). So the folders are searched by several Pagefind programs, each in a worker of its
  // own:
  // - the first lane holds the newest index alone (the newest year, or the last months of a
  //   large one) and searches first: its results are shown as soon as they are found (what a
  //   newsroom's reader most often wants), said to be the newest;
  // - then up to LANES other lanes search the older indexes at once, dealt in turn, newest first;
  //   when all are done, every lane's results are ranked together by score (what Pagefind's own
  //   merge does: concatenate, sort by score) and shown in place of the first ones, except the
  //   ones the reader has moved to, which stay.
  // A lane is the same file imported under another fragment (`pagefind.js#lane-1`): a module of
  // its own for the browser, one request for the server. Every lane opens the first folder as
  // its primary index (the program files are loaded from there, so all lanes share them) and
  // merges its share of the others; the first folder's results, found by every lane, are kept
  // once (a page has one id).
  const LANES = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
  const OTHERS_AFTER_MS = 300;

  /** The folders after the first, as lanes: the newest alone, then the rest dealt in turn. */
  function deal(folders) {
    const [newest, ...older] = folders.slice(1);
    if (!older.length) return [newest ? [newest] : []];
    const count = Math.min(LANES, older.length);
    return [[newest], ...Array.from({ length: count }, (_, lane) => older.filter((_, i) => i % count === lane))];
  }

  /** Pagefind as lane `lane`: `primary` opened first, then `folders` merged into it. */
  async function openLane(bundle, lane, primary, folders) {
    const pf = await import(new URL(`pagefind.js${lane ? `#lane-${lane}` : ""}`, bundle).href);
    try {
      await pf.options({ baseUrl: root.pathname, basePath: primary });
      await pf.init();
      const merged = { language: lang, baseUrl: root.pathname };
      await Promise.all(folders.map((folder) => pf.mergeIndex(folder, merged)));
      return pf;
    } catch (error) {
      await pf.destroy().catch(() => {});
      throw error;
    }
  }

  /** Results ranked by score, each page once. */
  function rank(results) {
    const seen = new Set();
    return [...results].sort((a, b) => b.score - a.score).filter((result) => !seen.has(result.id) && seen.add(result.id));
  }

  /**
   * A search of every lane: `newest` settles with the first lane's results (the newest index);
   * `all()` searches the other lanes (`others()` opens them, or null if there are none) and
   * settles with every lane's results, ranked together; `partial` says whether there are
   * other lanes. The first lane searches alone and the others when `all()` is called, once the
   * newest results are shown: on a machine with few cores, workers searching at once share
   * them, and the newest index's results would wait on the older ones' (at 10,000 articles on
   * 2 cores: 0.9–1.0 s instead of 0.4–0.5 s).
   */
  function searchLanes(first, others, term, options) {
    const found = (pf) => pf.search(term, options).then((search) => search.results);
    const newest = found(first);
    let older = null;
    const all = () => {
      const theirs = () => (others ? others().then((lanes) => Promise.all(lanes.map(found))) : []);
      older ??= Promise.all([newest, theirs()]).then(([mine, more]) => rank([...mine, ...more.flat()]));
      return older;
    };
    return { partial: Boolean(others), newest: newest.then(rank), all };
  }

  /** The values of each filter in any lane (their counts are not used). */
  async function filterValues(lanes) {
    const values = {};
    for (const found of await Promise.all(lanes.map((pf) => pf.filters()))) {
      for (const [filter, counts] of Object.entries(found || {})) {
        for (const value of Object.keys(counts || {})) (values[filter] ??= new Set()).add(value);
      }
    }
    return Object.fromEntries(Object.entries(values).map(([filter, set]) => [filter, [...set]]));
  }

  /**
   * Lanes 1… opened (after the first). If one fails, every lane is closed, `forget()` lets
   * the next search start again from nothing, and the failure is reported where the lanes
   * are awaited.
   */
  async function openOthers(bundle, primary, shares, first, forget) {
    const opened = await Promise.allSettled(shares.map((share, i) => openLane(bundle, i + 1, primary, share)));
    const failed = opened.find((lane) => lane.status === "rejected");
    if (!failed) return opened.map((lane) => lane.value);
    const lanes = [first, ...opened.filter((lane) => lane.status === "fulfilled").map((lane) => lane.value)];
    await Promise.all(lanes.map((pf) => pf.destroy().catch(() => {})));
    forget();
    throw failed.reason;
  }

  let pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      const bundle = new URL("pagefind/", root);
      const program = import(new URL("pagefind.js", bundle).href); // loads while the list does
      program.catch(() => {}); // a failure is reported where it is awaited
      const loading = fetch(new URL("newsroom-indexes.json", bundle), { cache: "no-cache" })
        .then((response) => {
          if (!response.ok) throw new Error(`search index list: HTTP ${response.status}`);
          return response.json();
        })
        .then(async (indexes) => {
          const folders = (Array.isArray(indexes[lang]) ? indexes[lang] : []).map((folder) => new URL(folder, bundle).pathname);
          if (!folders.length) throw new Error(`no search index for ${lang}`);
          await program;
          const [share, ...shares] = deal(folders);
          const first = await openLane(bundle, 0, folders[0], share);
          if (!shares.length) {
            return { search: (term, options) => searchLanes(first, null, term, options), filters: () => filterValues([first]) };
          }
          // The other lanes open once the first has loaded the program files (so that they
          // take them from the browser's cache instead of downloading them again), when the
          // first is idle: OTHERS_AFTER_MS after it opened if no search was asked for by then,
          // else when a search needs them (once its newest results are shown), so that they
          // do not take the CPU from the first search.
          let others = null;
          const openRest = () => {
            if (!others) {
              others = openOthers(bundle, folders[0], shares, first, forget);
              others.catch(() => {}); // reported where awaited
            }
            return others;
          };
          const idle = setTimeout(openRest, OTHERS_AFTER_MS);
          return {
            search: (term, options) => {
              clearTimeout(idle);
              return searchLanes(first, openRest, term, options);
            },
            filters: async () => filterValues([first, ...(await openRest())]),
          };
        });
      // After a failure the next search starts again from nothing (a network hiccup is not
      // final).
      const forget = () => {
        if (pagefind === loading) pagefind = null;
      };
      loading.catch(forget);
      pagefind = loading;
    }
    return pagefind;
  }

  // -- text ---------------------------------------------------------------------------------
  const normalise = (query) => query.normalize("NFC").replace(/\s+/g, " ").trim();
  const WORD = /[\p{L}\p{N}]/u;

  /** One character folded to one character: no marks, đ→d, lower case. */
  function foldChar(ch) {
    const folded = ch.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
    return folded.length === 1 ? folded : ch;
  }
  const fold = (text) => Array.from(text, foldChar).join("");
  const escapeHtml = (text) =>
    text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  /** [start, end) of every word in `text` that starts with one of the folded `terms`. */
  function matches(text, terms) {
    const chars = Array.from(text);
    const folded = chars.map(foldChar);
    const found = [];
    for (let i = 0; i < chars.length; i++) {
      if (i > 0 && WORD.test(chars[i - 1])) continue;
      const hit = terms.find((term) => term.length && folded.slice(i, i + term.length).join("") === term);
      if (!hit) continue;
      let end = i + hit.length;
      while (end < chars.length && WORD.test(chars[end])) end++;
      found.push([i, end]);
      i = end - 1;
    }
    return { chars, found };
  }

  /** `text` as HTML with matches in <mark>, cut to a window around the densest matches. */
  function highlight(text, terms, limit = Infinity) {
    const { chars, found } = matches(text, terms);
    let start = 0;
    let end = chars.length;
    if (chars.length > limit) {
      let best = 0;
      let bestCount = -1;
      for (const [s] of found) {
        const from = Math.max(0, s - 40);
        const count = found.filter(([a, b]) => a >= from && b <= from + limit).length;
        if (count > bestCount) [best, bestCount] = [from, count];
      }
      start = best;
      while (start > 0 && WORD.test(chars[start - 1])) start++;
      end = Math.min(chars.length, start + limit);
      while (end < chars.length && WORD.test(chars[end])) end--;
    }
    let html = start > 0 ? "… " : "";
    let at = start;
    for (const [s, e] of found) {
      if (s < start || e > end) continue;
      html += escapeHtml(chars.slice(at, s).join("")) + "<mark>" + escapeHtml(chars.slice(s, e).join("")) + "</mark>";
      at = e;
    }
    html += escapeHtml(chars.slice(at, end).join(""));
    return end < chars.length ? html + " …" : html;
  }

  /** Page text without the hidden folded copy, the title and the lead. */
  function bodyText(data) {
    const meta = data.meta || {};
    let content = data.content || "";
    const tail = Number(meta.fold_len || 0);
    if (tail) content = content.slice(0, Math.max(0, content.length - tail - 1));
    content = content.trim();
    for (const part of [meta.title, meta.lead]) {
      const at = part ? content.indexOf(part) : -1;
      if (at >= 0 && at < 300) content = content.slice(at + part.length).replace(/^[\s.]+/, "");
    }
    return content;
  }

  /** The body around the best matches; the lead when only the title or lead matched. */
  function excerpt(data, terms) {
    const body = bodyText(data);
    if (matches(body, terms).found.length || !data.meta.lead) return highlight(body, terms, EXCERPT_CHARS);
    return highlight(data.meta.lead, terms, EXCERPT_CHARS);
  }

  const termsOf = (query) => [...new Set(fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean))];

  // -- rendering ----------------------------------------------------------------------------
  function renderResult(data, terms) {
    const meta = data.meta || {};
    const item = document.createElement("li");
    item.className = "nr-search__result";
    const facts = [];
    if (meta.date) facts.push(`<time datetime="${escapeHtml(meta.date)}">${escapeHtml(meta.date_label || meta.date.slice(0, 10))}</time>`);
    if (meta.type) facts.push(`<span class="nr-search__type">${escapeHtml(meta.type)}</span>`);
    if (meta.category) facts.push(`<span class="nr-search__category">${escapeHtml(meta.category)}</span>`);
    item.innerHTML =
      `<a class="nr-search__link" href="${escapeHtml(data.url)}">` +
      `<span class="nr-search__title">${highlight(meta.title || data.url, terms)}</span>` +
      (facts.length ? `<span class="nr-search__facts">${facts.join(" · ")}</span>` : "") +
      `<span class="nr-search__excerpt">${excerpt(data, terms)}</span>` +
      "</a>";
    return item;
  }

  /**
   * Search, as `searchLanes` does; a query with "đ" also runs without it (the index holds a
   * folded copy of "đ" words, so text typed without marks is found too), and the exact
   * spelling's results come first.
   */
  async function runSearch(query, filters) {
    const pf = await loadPagefind();
    const options = Object.keys(filters || {}).length ? { filters } : {};
    if (!/[đĐ]/.test(query || "")) return pf.search(query || null, options);
    const exact = pf.search(query, options);
    const loose = pf.search(query.replace(/[đĐ]/g, "d"), options);
    const exactFirst = (first, then) =>
      Promise.all([first, then]).then(([a, b]) => {
        const seen = new Set(a.map((r) => r.id));
        return [...a, ...b.filter((r) => !seen.has(r.id))];
      });
    return {
      partial: exact.partial,
      newest: exactFirst(exact.newest, loose.newest),
      all: () => exactFirst(exact.all(), loose.all()),
    };
  }

  /**
   * Hand a search's results to `show(results, final)` as they come: the newest index's (if
   * there are older ones, and the newest has any), then all of them, ranked; the older indexes
   * are searched once the newest results are shown. Nothing is shown, and no older index
   * searched, once `current()` is false (a newer search has started).
   */
  async function progressively(search, current, show) {
    if (search.partial) {
      const newest = await search.newest;
      if (!current()) return;
      if (newest.length) await show(newest, false);
    }
    const results = await search.all();
    if (current()) await show(results, true);
  }

  /**
   * `results` in order, except that `kept` (results already in the list, which the reader
   * is on) stay first: all results arriving must not move the item that has the focus.
   */
  function keepingShown(kept, results) {
    const ids = new Set(kept.map((r) => r.id));
    return [...kept, ...results.filter((r) => !ids.has(r.id))];
  }

  // -- the header box -----------------------------------------------------------------------
  const form = box.querySelector("form");
  const input = box.querySelector(".nr-search__input");
  const panel = box.querySelector(".nr-search__panel");
  const status = box.querySelector(".nr-search__status");
  const list = box.querySelector(".nr-search__results");
  const all = box.querySelector(".nr-search__all");
  let sequence = 0;
  let timer = 0;

  function open(show) {
    panel.hidden = !show;
  }

  async function headerSearch() {
    const query = normalise(input.value);
    const mine = ++sequence;
    list.replaceChildren();
    list.removeAttribute("aria-busy"); // an earlier search's, if it was still going
    all.hidden = true;
    if (!query) return open(false);
    open(true);
    if (query.length < 2) return void (status.textContent = t.short);
    status.textContent = t.loading;
    list.setAttribute("aria-busy", "true");
    const terms = termsOf(query);
    let shown = [];
    const show = async (results, final) => {
      const kept = final && list.contains(document.activeElement) ? shown : [];
      const ordered = keepingShown(kept, results);
      const added = ordered.slice(kept.length, HEADER_RESULTS);
      const data = await Promise.all(added.map((r) => r.data()));
      if (mine !== sequence) return;
      const items = data.map((d) => renderResult(d, terms));
      if (kept.length) list.append(...items);
      else list.replaceChildren(...items);
      shown = ordered.slice(0, HEADER_RESULTS);
      if (!final) return void (status.textContent = t.newest);
      list.removeAttribute("aria-busy");
      status.textContent = results.length ? t.results(results.length) : t.none;
      if (results.length > HEADER_RESULTS) {
        all.href = `${form.action}?q=${encodeURIComponent(query)}`;
        all.textContent = t.all(results.length);
        all.hidden = false;
      }
    };
    try {
      await progressively(await runSearch(query), () => mine === sequence, show);
    } catch (error) {
      if (mine === sequence) {
        status.textContent = t.unavailable;
        list.removeAttribute("aria-busy");
      }
      console.warn("newsroom search:", error);
    }
  }

  const links = () => [...panel.querySelectorAll("a:not([hidden])")];
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(headerSearch, 150);
  });
  input.addEventListener("focus", () => {
    // Start loading the index on focus: its program and index lists are ready by the time
    // the first word is typed (a failure shows when a search runs).
    loadPagefind().catch(() => {});
    if (normalise(input.value)) open(true);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (!panel.hidden) open(false);
      else input.blur();
    }
  });
  panel.addEventListener("keydown", (event) => {
    const items = links();
    const at = items.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else items[Math.min(next, items.length - 1)].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      open(false);
      input.focus();
    }
  });
  form.addEventListener("submit", (event) => {
    if (!normalise(input.value)) event.preventDefault();
    else input.value = normalise(input.value);
  });
  document.addEventListener("click", (event) => {
    if (!box.contains(event.target)) open(false);
  });
  box.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) open(false);
  });
  // "/" focuses the box; capture on window so Material's own shortcut handler never sees it.
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      event.stopPropagation();
      input.focus();
      input.select();
    },
    true,
  );

  // -- the search page (?q=&type=&category=) -------------------------------------------------
  const page = document.querySelector("[data-nr-search-page]");
  if (!page) return;
  const pageForm = page.querySelector("form");
  const pageInput = pageForm.querySelector("input[name=q]");
  const selects = [...pageForm.querySelectorAll("select[data-filter]")];
  const pageStatus = page.querySelector(".nr-search__status");
  const pageList = page.querySelector(".nr-search__results");
  const more = page.querySelector(".nr-search__more");
  let pageSequence = 0;

  // Until the selects are filled (after the first results), the URL's filters stand for them.
  let filled = false;
  const fromUrl = {};
  function chosenFilters() {
    if (!filled) return { ...fromUrl };
    const filters = {};
    for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
    return filters;
  }

  /** Fill the selects from Pagefind; true if a wanted value (from the URL) does not exist. */
  async function fillFilters(params) {
    const pf = await loadPagefind();
    const available = await pf.filters();
    let dropped = false;
    for (const select of selects) {
      const values = [...(available[select.dataset.filter] || [])].sort((a, b) => a.localeCompare(b, lang));
      const any = new Option(t.any, "");
      select.replaceChildren(any, ...values.map((value) => new Option(value, value)));
      const wanted = params.get(select.dataset.filter);
      if (wanted && values.includes(wanted)) select.value = wanted;
      else if (wanted) dropped = true;
    }
    filled = true;
    return dropped;
  }

  async function pageSearch() {
    const query = normalise(pageInput.value);
    const filters = chosenFilters();
    const mine = ++pageSequence;
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const [key, value] of Object.entries(filters)) params.set(key, value);
    history.replaceState(null, "", `${location.pathname}${params.size ? `?${params}` : ""}`);
    pageList.replaceChildren();
    pageList.removeAttribute("aria-busy"); // an earlier search's, if it was still going
    more.hidden = true;
    if (!query && !Object.keys(filters).length) return void (pageStatus.textContent = "");
    pageStatus.textContent = t.loading;
    pageList.setAttribute("aria-busy", "true");
    const terms = termsOf(query);
    let ordered = [];
    let shown = 0;
    const showMore = async (replace = false) => {
      const batch = await Promise.all(ordered.slice(shown, shown + PAGE_RESULTS).map((r) => r.data()));
      if (mine !== pageSequence) return;
      const items = batch.map((data) => renderResult(data, terms));
      if (replace) pageList.replaceChildren(...items);
      else pageList.append(...items);
      shown += batch.length;
    };
    const show = async (results, final) => {
      const kept = final && pageList.contains(document.activeElement) ? ordered.slice(0, shown) : [];
      ordered = keepingShown(kept, results);
      shown = kept.length;
      await showMore(!kept.length);
      if (mine !== pageSequence) return;
      if (!final) return void (pageStatus.textContent = t.newest);
      pageList.removeAttribute("aria-busy");
      more.hidden = shown >= ordered.length;
      pageStatus.textContent = results.length ? t.results(results.length) : t.none;
    };
    more.onclick = () => showMore().then(() => (more.hidden = shown >= ordered.length));
    try {
      await progressively(await runSearch(query, filters), () => mine === pageSequence, show);
    } catch (error) {
      if (mine === pageSequence) {
        pageStatus.textContent = t.unavailable;
        pageList.removeAttribute("aria-busy");
      }
      console.warn("newsroom search:", error);
    }
  }

  more.textContent = t.more;
  pageForm.addEventListener("submit", (event) => {
    event.preventDefault();
    pageSearch();
  });
  for (const select of selects) select.addEventListener("change", pageSearch);
  // The selects are filled after the first results are shown: pf.filters() downloads every
  // filter's page list (43 KB at 10,000 articles), which a search without filters never needs.
  // A URL value that turns out not to exist is dropped and the search run again without it.
  const params = new URLSearchParams(location.search);
  pageInput.value = normalise(params.get("q") || "");
  for (const select of selects) {
    const value = params.get(select.dataset.filter);
    if (value) fromUrl[select.dataset.filter] = value;
  }
  pageSearch()
    .then(() => fillFilters(params))
    .then((dropped) => dropped && pageSearch())
    .catch(() => {});
})();
