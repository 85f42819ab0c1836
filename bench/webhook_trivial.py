"""The trivial Flask endpoint bench/webhook.py measures beside Yume's webhook."""

from flask import Flask

app = Flask(__name__)


@app.post("/ping")
def ping():
    return "ok"
