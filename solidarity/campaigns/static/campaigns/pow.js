/* Proof of work for the signing form (campaigns whose staff turned it on).
   Finds a number n such that SHA-256("<challenge>:<e-mail>:<n>") starts with the number of
   zero bits the server asked for, then sends the form. Nothing is loaded from elsewhere.
   Without JavaScript, or without Web Crypto, the form is sent as it is and the server
   applies stricter limits instead: nobody is locked out. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-pow-challenge]");
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) { return; }
  var challenge = form.getAttribute("data-pow-challenge");
  var bits = parseInt(form.getAttribute("data-pow-bits"), 10) || 0;
  var status = form.querySelector(".pow-status");
  var encoder = new TextEncoder();
  var solving = false;

  function zeroBits(bytes) {
    var count = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { count += 8; continue; }
      for (var mask = 0x80; mask && !(bytes[i] & mask); mask >>= 1) { count++; }
      break;
    }
    return count;
  }

  function solve(email) {
    var prefix = challenge + ":" + email + ":";
    var n = 0;
    function step() {
      var batch = [];
      for (var i = 0; i < 256; i++, n++) {
        batch.push(crypto.subtle.digest("SHA-256", encoder.encode(prefix + n)));
      }
      return Promise.all(batch).then(function (digests) {
        for (var j = 0; j < digests.length; j++) {
          if (zeroBits(new Uint8Array(digests[j])) >= bits) { return n - digests.length + j; }
        }
        return step();
      });
    }
    return step();
  }

  form.addEventListener("submit", function (event) {
    if (solving) { event.preventDefault(); return; }
    var emailField = form.querySelector("input[name=email]");
    var email = emailField ? emailField.value.trim().toLowerCase() : "";
    if (!email) { return; }
    event.preventDefault();
    solving = true;
    form.querySelector("input[name=pow_challenge]").value = challenge;
    if (status) { status.textContent = status.getAttribute("data-working") || "…"; }
    solve(email).then(function (nonce) {
      form.querySelector("input[name=pow_nonce]").value = String(nonce);
      form.submit();
    }, function () {
      form.submit();
    });
  });
}());
