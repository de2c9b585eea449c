"""The benchmarks' HTTP client: one keep-alive HTTP/1.1 connection per simulated visitor, on
plain asyncio streams (optionally over TLS, from a source address of its own), so that a load
generator on the same cores as the server spends a small fraction of what the server spends
on each request. Used by bench/signatures and bench/surge."""

import asyncio
import re
import ssl
import urllib.parse


class Browser:
    """One visitor: a keep-alive connection and its cookies, opened again when the server
    drops it. `send` answers (status, Location, body) or raises ConnectionError."""

    def __init__(self, host, port, *, context=None, server_hostname=None, source=None, headers=None, timeout=None):
        self.host, self.port, self.context = host, port, context
        self.server_hostname = server_hostname or (host if context else None)
        self.source, self.timeout = source, timeout
        self.headers = {"Host": f"{server_hostname or host}:{port}", **(headers or {})}
        self.reader = self.writer = None
        self.cookies = {}

    async def send(self, method, path, fields=None, headers=None):
        if isinstance(fields, bytes):
            body = fields
        else:
            body = urllib.parse.urlencode(fields).encode() if fields is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()]
        if body:
            lines.append("Content-Type: application/x-www-form-urlencoded")
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{key}={value}" for key, value in self.cookies.items()))
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        try:
            return await asyncio.wait_for(self._exchange(("\r\n".join(lines) + "\r\n\r\n").encode() + body),
                                          self.timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                IndexError, ssl.SSLError):
            self.close()
            raise ConnectionError("the server dropped the connection") from None

    async def _exchange(self, request):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, ssl=self.context, server_hostname=self.server_hostname,
                local_addr=(self.source, 0) if self.source else None)
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        answer = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                name, value = name.strip().lower(), value.strip()
                if name == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
                answer[name] = value
        if "content-length" in answer:
            content = await self.reader.readexactly(int(answer["content-length"]))
        elif answer.get("transfer-encoding", "").lower() == "chunked":
            content = await self._read_chunked()
        else:
            content = await self.reader.read()
            answer["connection"] = "close"
        if answer.get("connection", "").lower() == "close":
            self.close()
        return status, answer.get("location", ""), content

    async def _read_chunked(self):
        parts = []
        while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await self.reader.readexactly(size + 2))
        await self.reader.readuntil(b"\r\n")
        return b"".join(part[:-2] for part in parts)

    def close(self):
        if self.writer is not None:
            self.writer.transport.abort()
        self.reader = self.writer = None


def hidden_fields(html):
    """The signing form's hidden inputs, as a browser would send them back."""
    form = html[html.index('class="sign-form"'):]
    form = form[:form.index("</form>")]
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form):
        if 'type="hidden"' in tag:
            name = re.search(r'name="([^"]*)"', tag).group(1)
            value = re.search(r'value="([^"]*)"', tag)
            fields[name] = value.group(1) if value else ""
    return fields
