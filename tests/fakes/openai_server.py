"""A fake OpenAI-compatible server on 127.0.0.1, for the real `openai` client in tests.

It answers POST /v1/chat/completions the way a test programs it (an answer, a delay longer
than the client's timeout, an HTTP error, broken JSON, a refusal, no choices) and keeps the
JSON body of every request, so a test can check what would have left the building:

    with FakeOpenAI() as fake:
        fake.answer({"intent": "book", "service": "Tinte"})
        ... LLMReader(OpenAISettings(api_key="k", base_url=fake.base_url)).read(...)
        assert "Tinte" in fake.prompt()
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATH = "/v1/chat/completions"


@dataclass(frozen=True)
class Behaviour:
    """How the server answers every request until told otherwise."""

    status: int = 200
    content: str | None = "{}"  # the message content: the structured answer as a JSON string
    refusal: str | None = None
    delay: float = 0.0  # seconds before answering
    headers: dict[str, str] = field(default_factory=dict)
    choices: bool = True


class FakeOpenAI:
    """A programmable chat-completions endpoint that records what it receives."""

    def __init__(self) -> None:
        self.behaviour = Behaviour()
        self.requests: list[dict] = []  # JSON bodies, in arrival order
        self.headers: list[dict[str, str]] = []
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    # --- programming the next answers ------------------------------------------------

    def answer(self, reading: dict, *, delay: float = 0.0) -> None:
        """Answer with this structured reading (what the model would fill in)."""
        self.behaviour = Behaviour(content=json.dumps(reading, ensure_ascii=False), delay=delay)

    def slow(self, seconds: float, reading: dict | None = None) -> None:
        """Answer only after `seconds`: longer than the client's timeout, it times out."""
        self.answer(reading or {"intent": "book"}, delay=seconds)

    def fail(self, status: int = 500, headers: dict[str, str] | None = None) -> None:
        self.behaviour = Behaviour(status=status, headers=headers or {})

    def malformed(self, content: str = '{"intent": "book", "service": ') -> None:
        self.behaviour = Behaviour(content=content)

    def refuse(self, text: str = "I'm sorry, I can't help with that.") -> None:
        self.behaviour = Behaviour(content=None, refusal=text)

    def no_choices(self) -> None:
        self.behaviour = Behaviour(choices=False)

    # --- what was received -----------------------------------------------------------

    def prompt(self, index: int = -1) -> str:
        """Every message content of one request, joined: what the model would read."""
        return "\n".join(m.get("content") or "" for m in self.requests[index]["messages"])

    def sent(self, index: int = -1) -> str:
        """One request body as raw JSON text, to look for anything anywhere in it."""
        return json.dumps(self.requests[index], ensure_ascii=False)

    # --- running ------------------------------------------------------------------------

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._closing.set()  # wakes up handlers still sleeping out a delay
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def completion(self, model: str) -> dict:
        behaviour = self.behaviour
        message = {"role": "assistant", "content": behaviour.content, "refusal": behaviour.refusal}
        choice = {"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [choice] if behaviour.choices else [],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }


def _handler_for(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path != PATH:
                self._send(404, {"error": {"message": "not found", "type": "invalid_request"}})
                return
            request = json.loads(body or b"{}")
            fake.requests.append(request)
            fake.headers.append({k.lower(): v for k, v in self.headers.items()})
            behaviour = fake.behaviour
            if behaviour.delay and fake._closing.wait(behaviour.delay):
                return  # the server is stopping; the client gave up long ago
            if behaviour.status != 200:
                error = {"message": "fake failure", "type": "server_error", "code": None}
                self._send(behaviour.status, {"error": error}, behaviour.headers)
                return
            self._send(200, fake.completion(request.get("model", "")), behaviour.headers)

        def _send(self, status: int, payload: dict, headers: dict | None = None) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client timed out and hung up

        def log_message(self, format: str, *args) -> None:
            """Keep test output quiet."""

    return Handler
