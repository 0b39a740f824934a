"""The live server closes every answer, even when the client resets the connection right after reading it."""

import socket
import struct
import threading

from werkzeug.serving import make_server

from tests.browser.live import ClosingHandler, remembering_responses

REQUESTS = 30


class _Answer:
    """A small answer that notes its ``close()``: what Werkzeug must call to release a sent file."""

    made: list["_Answer"] = []
    closed: set[int] = set()

    def __init__(self) -> None:
        _Answer.made.append(self)

    def __iter__(self):
        yield b"x" * 500

    def close(self) -> None:  # closing twice is harmless, as for a file
        _Answer.closed.add(id(self))


def _app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "500")])
    return _Answer()


def test_an_answer_is_closed_when_the_client_resets_the_connection_after_reading_it() -> None:
    _Answer.made.clear()
    _Answer.closed.clear()
    server = make_server("127.0.0.1", 0, remembering_responses(_app), threaded=True, request_handler=ClosingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for _ in range(REQUESTS):
            client = socket.create_connection(("127.0.0.1", server.server_port))
            client.sendall(b"GET / HTTP/1.1\r\nHost: test\r\n\r\n")
            client.recv(1000)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
            client.close()
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
    assert len(_Answer.made) == REQUESTS
    assert {id(answer) for answer in _Answer.made} == _Answer.closed
