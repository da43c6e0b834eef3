#!/usr/bin/python3
"""Static HTTP server for the streams tests: serves DIR on 127.0.0.1:PORT.

Usage: http_server.py PORT DIR. Prints "ready" once listening; no request log.
"""
import functools
import http.server
import sys


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


def main() -> int:
    port = int(sys.argv[1])
    handler = functools.partial(QuietHandler, directory=sys.argv[2])
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print("ready", flush=True)
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
