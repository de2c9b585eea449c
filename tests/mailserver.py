"""A real SMTP server for tests (aiosmtpd), shared by the root conftest's `smtp_server` and the
tests that need a second one."""


class LocalSMTPServer:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives.

    `messages` holds each mail as an email.message.EmailMessage, `envelopes` the raw
    envelopes. `reject = True` makes it refuse mail with a temporary error; `down()` closes
    the port (connection refused) and `up()` opens it again on the same port.
    """

    host = "127.0.0.1"

    def __init__(self):
        import socket

        with socket.socket() as probe:
            probe.bind((self.host, 0))
            self.port = probe.getsockname()[1]
        self.messages = []
        self.envelopes = []
        self.reject = False
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        import email
        import email.policy

        if self.reject:
            return "451 4.3.0 Mail server temporarily refusing mail"
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 OK"

    def up(self):
        from aiosmtpd.controller import Controller

        if self.controller is None:
            self.controller = Controller(self, hostname=self.host, port=self.port)
            self.controller.start()

    def down(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def wait_for(self, count, timeout=10):
        """Wait until `count` messages have arrived (mail sent from another process)."""
        import time

        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages
