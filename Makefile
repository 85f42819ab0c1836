# Yume: `make run` starts it on the embedded defaults, `make test` runs the whole suite.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
FLASK  := $(BIN)/flask --app web
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: setup chromium run test lint migrate demo worker scheduler actions bench clean login doctor

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP) chromium

# The browser tests drive Debian's chromium (Playwright never downloads a browser of its own).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	} || echo "chromium could not be installed: the browser tests will be skipped"

migrate: setup
	$(FLASK) db-upgrade

demo: migrate
	$(FLASK) demo --if-empty

run: demo
	$(BIN)/flask --app 'web:create_app(start_jobs=True)' run --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

worker: setup
	$(BIN)/python -m scheduler worker

scheduler: setup
	$(BIN)/python -m scheduler scheduler

bench: setup
	$(BIN)/python bench/availability.py
	$(BIN)/python bench/booking.py
	$(BIN)/python bench/dispatch.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache

# A dashboard link for a phone of the team (make login PHONE=+525511110001): nothing is sent by
# WhatsApp without Twilio, and login links never show in the simulator or the logs.
login: migrate
	$(FLASK) login-link $(PHONE)

doctor: setup
	$(FLASK) doctor

actions: migrate
	SANIC_HOST=$(HOST) $(BIN)/python -m rasa_sdk --actions bot.rasa_actions -p 5055
