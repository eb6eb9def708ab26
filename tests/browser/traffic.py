"""What a page does behind the reader's back: console errors, uncaught exceptions,
requests to other hosts, and requests that fail."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Request, Response, WebError

# Schemes that never leave the browser.
_LOCAL_SCHEMES = ("data", "blob", "about")


@dataclass
class Traffic:
    """Everything the pages of a browser context do, checked against the site's origin."""

    origin: str
    """``http://127.0.0.1:PORT``: the only host the site may load anything from."""
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        """Record what every page of ``context`` logs, requests and fails to load."""
        context.on("request", self._request)
        context.on("response", self._response)
        context.on("requestfailed", self._failed)
        context.on("console", self._console)
        context.on("weberror", self._uncaught)

    def _uncaught(self, error: WebError) -> None:
        where = error.page.url if error.page else "a page"
        stack = (error.error.stack or "").splitlines()[1:2]
        self.errors.append(f"uncaught {error.error.message} on {where} {' '.join(stack).strip()}")

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status} for {response.url}")

    def _failed(self, request: Request) -> None:
        reason = request.failure or ""
        # Leaving a page cancels what it still loads, such as lazy images: not a fault.
        if "ERR_ABORTED" not in reason:
            self.errors.append(f"request failed ({reason}): {request.url}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console error: {message.text} at {message.location}")

    def foreign(self) -> list[str]:
        """Every request that went to another host than the site's."""
        return [url for url in self.requests if not self.local(url)]

    def local(self, url: str) -> bool:
        """Whether ``url`` stays on the site's origin or in the browser."""
        parts = urlsplit(url)
        if parts.scheme in _LOCAL_SCHEMES:
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def problems(self) -> list[str]:
        """Console errors, exceptions, failed loads and foreign requests, in that order."""
        return [*self.errors, *(f"request to another host: {url}" for url in self.foreign())]
