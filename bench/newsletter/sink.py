"""A local SMTP sink (aiosmtpd) for the newsletter benchmark.

For every message it keeps, per envelope recipient: how many messages arrived and the token of
the unsubscribe link in the List-Unsubscribe header, and whether the same link is in the
message's text (each reader's own link in both places). On SIGTERM it writes what it counted to
the JSON file given and exits. Only a few bytes are searched per message: parsing 100,000 MIME
messages would measure the sink, not the sender.
"""

import asyncio
import json
import re
import signal
import sys

from aiosmtpd.smtp import SMTP

HEADER_LINK = re.compile(rb"List-Unsubscribe: <([^>\s]+/unsubscribe/([A-Za-z0-9_\-]+)/)>")


class Counter:
    def __init__(self):
        self.received = {}
        self.messages = 0
        self.first = self.last = None

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        # Like Postfix and most servers senders meet: commands may be pipelined (RFC 2920).
        # aiosmtpd reads commands one line at a time from a buffer, so it copes with them.
        session.host_name = hostname
        return [*responses[:-1], "250-PIPELINING", responses[-1]]

    async def handle_DATA(self, server, session, envelope):
        loop = asyncio.get_running_loop()
        now = loop.time()
        self.first = self.first or now
        self.last = now
        self.messages += 1
        content = envelope.original_content or envelope.content
        match = HEADER_LINK.search(content)
        token = match.group(2).decode() if match else ""
        # The same personal link must also be in the body (text and HTML parts).
        in_body = bool(match) and content.count(match.group(1)) >= 3
        for rcpt in envelope.rcpt_tos:
            entry = self.received.setdefault(rcpt, [0, token, in_body])
            entry[0] += 1
            if entry[1] != token:
                entry[1] = "MISMATCH"
            entry[2] = entry[2] and in_body
        return "250 OK"


async def main(port, out):
    counter = Counter()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(counter, hostname="sink.bench", ident="bench sink"),
                                      "127.0.0.1", port)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    server.close()
    with open(out, "w") as handle:
        json.dump({"received": counter.received, "messages": counter.messages,
                   "first": counter.first, "last": counter.last}, handle)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
