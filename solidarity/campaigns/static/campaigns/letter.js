// The confirmed page is the same for every signer (and kept by the caches); a campaign with a
// letter sends the signer's own letter link along in the address's fragment (#letter=…),
// which no server ever sees. Shown here as a link; without JavaScript the note says the
// confirmation e-mail has it.
(() => {
  const match = /^#letter=([A-Za-z0-9_:-]{8,300})$/.exec(window.location.hash);
  const link = document.querySelector("[data-letter-base]");
  if (!match || !link) return;
  link.href = link.dataset.letterBase.replace("TOKEN", match[1]);
  link.hidden = false;
  document.querySelector("[data-letter-note]").hidden = true;
  // The link stays on the page, not in the address bar, the history or a shared copy of it.
  history.replaceState(null, "", window.location.pathname + window.location.search);
})();
