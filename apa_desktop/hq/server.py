"""``apa-desktop hq serve``: HQ's HTTPS service (Starlette on uvicorn; docs/server.md says why).

Thin: every handler checks the caller's token, applies the limits, and calls :class:`.uploads.HqService`
on a worker thread. Errors are ``application/problem+json`` with the reason code and a Bengali and
an English message; 429 (this office has too many uploads running) and 503 (the server is busy,
or paused by HQ with the pause file) carry ``Retry-After``. Nothing logs requests, so the token
(only ever in the ``Authorization`` header) is never written anywhere. On SIGTERM uvicorn stops
accepting and lets running requests finish (``timeout_graceful_shutdown``); an import is one
database transaction, so even a killed server never leaves half a bundle.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .uploads import HqService, Refused

PROBLEM = "application/problem+json"
GRACEFUL_SHUTDOWN_S = 20


def problem(refused: Refused) -> JSONResponse:
    headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after is not None else None
    return JSONResponse({"type": f"urn:apa-desktop:problem:{refused.code}", "title": refused.message_en,
                         "status": refused.status, "code": refused.code, "message_bn": refused.message_bn,
                         "message_en": refused.message_en}, status_code=refused.status, headers=headers,
                        media_type=PROBLEM)


class Gate:
    """Counts the uploads running, per office and in all; refuses beyond the limits."""

    def __init__(self, service: HqService, pause_file: Path | None) -> None:
        self.service = service
        self.pause_file = pause_file
        self.per_office: Counter[str] = Counter()
        self.total = 0

    def check_open(self, upload: bool) -> None:
        """Refuse before any work (even the token's lookup) while paused, or full for an upload."""
        lim = self.service.limits
        if self.pause_file is not None and self.pause_file.exists():
            raise Refused(503, "paused", "সদর দপ্তরের সার্ভার সাময়িক বন্ধ: পরে আবার চেষ্টা হবে",
                          "HQ's server is paused for maintenance: try again later", lim.retry_after_s)
        if upload and self.total >= lim.uploads_per_server:
            raise self.busy()

    def busy(self) -> Refused:
        return Refused(503, "server_busy", "সার্ভার এখন ব্যস্ত: পরে আবার চেষ্টা হবে", "The server is busy: try again later",
                       self.service.limits.retry_after_s)

    def enter(self, office_id: str) -> None:
        lim = self.service.limits
        if self.per_office[office_id] >= lim.uploads_per_office:
            raise Refused(429, "office_busy", "এই অফিসের অনেক আপলোড একসাথে চলছে",
                          "Too many uploads from this office at once", lim.retry_after_s)
        if self.total >= lim.uploads_per_server:
            raise self.busy()
        self.per_office[office_id] += 1
        self.total += 1

    def leave(self, office_id: str) -> None:
        self.per_office[office_id] -= 1
        if not self.per_office[office_id]:
            del self.per_office[office_id]
        self.total -= 1


async def read_body(request: Request, limit: int, timeout: float) -> bytes:
    """The request body, at most ``limit`` bytes, arriving within ``timeout`` seconds."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise Refused(413, "request_too_large", "অনুরোধটি অনেক বড়", f"The request is larger than {limit} bytes")
    body = bytearray()

    async def collect() -> None:
        async for part in request.stream():
            body.extend(part)
            if len(body) > limit:
                raise Refused(413, "request_too_large", "অনুরোধটি অনেক বড়", f"The request is larger than {limit} bytes")

    try:
        await asyncio.wait_for(collect(), timeout)
    except TimeoutError:
        raise Refused(408, "too_slow", "সংযোগ অনেক ধীর: পরে আবার চেষ্টা হবে", "The request arrived too slowly") from None
    return bytes(body)


def make_app(service: HqService, pause_file: Path | None = None) -> Starlette:
    gate = Gate(service, pause_file)
    lim = service.limits

    def endpoint(upload: bool = False) -> Callable[[Callable[..., Awaitable[Response]]], Callable[[Request], Any]]:
        """Check the pause, the caller's token and (for uploads) the limits, then answer or refuse."""

        def wrap(handler: Callable[..., Awaitable[Response]]) -> Callable[[Request], Any]:
            async def handle(request: Request) -> Response:
                try:
                    gate.check_open(upload)
                    office = await run_in_threadpool(service.office_for, request.headers.get("authorization"))
                    if not upload:
                        return await handler(request, office)
                    gate.enter(office)
                    try:
                        return await handler(request, office)
                    finally:
                        gate.leave(office)
                except Refused as refused:
                    return problem(refused)
            return handle
        return wrap

    @endpoint()
    async def hello(request: Request, office: str) -> Response:
        return JSONResponse(service.hello(office))

    @endpoint(upload=True)
    async def begin(request: Request, office: str) -> Response:
        try:
            spec = json.loads(await read_body(request, 64 * 1024 + 80 * (lim.max_bundle_bytes // lim.min_chunk_bytes),
                                              lim.body_timeout_s))
            args = (str(spec["sha256"]), int(spec["size"]), int(spec["chunk_size"]), list(spec["chunks"]))
        except (ValueError, KeyError, TypeError):
            raise Refused(400, "bad_request", "অনুরোধটি সঠিক নয়", "The request is malformed") from None
        return JSONResponse(await run_in_threadpool(service.begin, office, *args))

    @endpoint(upload=True)
    async def chunk(request: Request, office: str) -> Response:
        data = await read_body(request, lim.max_request_bytes, lim.body_timeout_s)
        await run_in_threadpool(service.put_chunk, office, request.path_params["sha"], request.path_params["index"],
                                data)
        return Response(status_code=204)

    @endpoint(upload=True)
    async def commit(request: Request, office: str) -> Response:
        receipt = await run_in_threadpool(service.commit, office, request.path_params["sha"])
        return Response(receipt, media_type="application/json")

    @endpoint()
    async def receipts(request: Request, office: str) -> Response:
        since = request.query_params.get("since", "0")
        if not since.isdigit():
            raise Refused(400, "bad_request", "অনুরোধটি সঠিক নয়", "since must be a receipt number")
        return JSONResponse(await run_in_threadpool(service.receipts, office, int(since)))

    @endpoint()
    async def packs(request: Request, office: str) -> Response:
        return JSONResponse({"packs": await run_in_threadpool(service.packs, request.query_params.get("after", ""))})

    @endpoint()
    async def pack(request: Request, office: str) -> Response:
        data = await run_in_threadpool(service.pack, request.path_params["name"])
        return Response(data, media_type="application/octet-stream")

    routes = [
        Route("/v1/hello", hello, methods=["GET"]),
        Route("/v1/uploads", begin, methods=["POST"]),
        Route("/v1/uploads/{sha}/chunks/{index:int}", chunk, methods=["PUT"]),
        Route("/v1/uploads/{sha}/commit", commit, methods=["POST"]),
        Route("/v1/receipts", receipts, methods=["GET"]),
        Route("/v1/packs", packs, methods=["GET"]),
        Route("/v1/packs/{name}", pack, methods=["GET"]),
    ]
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        service.close()

    return Starlette(routes=routes, lifespan=lifespan)


def serve(service: HqService, host: str, port: int, cert: Path, key: Path, pause_file: Path | None = None) -> None:
    """Run until SIGINT/SIGTERM; running requests finish first."""
    import uvicorn

    config = uvicorn.Config(make_app(service, pause_file), host=host, port=port, ssl_certfile=str(cert),
                            ssl_keyfile=str(key), timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
                            timeout_keep_alive=15, access_log=False, log_level="warning", lifespan="on")
    uvicorn.Server(config).run()
