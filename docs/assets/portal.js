// "Copy link" on articles (overrides/partials/portal.html): shown only where the clipboard works.
(function () {
  for (const button of document.querySelectorAll("[data-nr-copy]")) {
    if (!navigator.clipboard) continue;
    const status = button.parentElement.querySelector(".nr-share__status");
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.nrCopy);
        if (status) status.textContent = button.dataset.nrCopied;
      } catch (error) {
        if (status) status.textContent = button.dataset.nrCopy;
      }
    });
  }
})();
