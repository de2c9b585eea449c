// After a passkey is registered at set-up, go on to the recovery codes: django-otp-webauthn's
// script only reports the registration with an event. (Its sign-in script redirects by itself.)
document.addEventListener("otp_webauthn.register_complete", () => {
  const next = document.querySelector("[data-after-passkey]");
  if (next) {
    window.location.assign(next.dataset.afterPasskey);
  }
});
