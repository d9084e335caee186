"""A Flask microservice: GET / and GET /health on port 8000."""

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/")
def index():
    return jsonify(service="flask-microservice", message="Hello from Flask")


@app.get("/health")
def health():
    return jsonify(status="ok")
