"""A plain Python app with no dependencies: an HTTP server on port 80."""

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"Hello from main.py\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    print("listening on port 80", flush=True)
    ThreadingHTTPServer(("0.0.0.0", 80), Hello).serve_forever()
