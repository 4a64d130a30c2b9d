# pos-member: the two commands users need are `make run` and `make test`.
# Every target sets up what it needs on first use: Debian packages (when run
# as root with apt-get), then a virtualenv in .venv with the project installed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Debian packages the product and its tests use:
#   pcscd, vsmartcard-vpcd  - PC/SC daemon and the virtual reader the tests drive
#   libpcsclite-dev, swig   - to build pyscard (no Linux wheel)
#   poppler-utils, zbar-tools - read receipts back (pdftotext, pdftoppm, zbarimg)
#   xvfb                    - a virtual screen for screenshots
#   xdotool                 - types into the bundled app on that screen (tests/install)
#   fonts-noto-cjk          - Chinese glyphs on screen
#   libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1 - Qt's xcb platform plugin (X11, xvfb)
#   chromium                - the browser the head-office console's tests drive (Playwright)
DEB_PACKAGES := pcscd vsmartcard-vpcd libpcsclite-dev swig poppler-utils zbar-tools \
                xvfb xauth fonts-noto-cjk pcsc-tools libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
                chromium xdotool

.PHONY: run test bench lint sysdeps venv clean screenshots translations translations-update dist deb

run: $(STAMP) translations
	$(BIN)/pos-member --demo

test: $(STAMP) translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks.run_all

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Qt translations: the .ts sources in resources/i18n are compiled to .qm
# (gitignored). `make translations-update` refreshes the .ts from the code.
TS_FILES := $(wildcard resources/i18n/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

translations: $(STAMP) $(QM_FILES)

resources/i18n/%.qm: resources/i18n/%.ts
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations-update: $(STAMP)
	$(BIN)/python -m ui.i18n_update
	$(BIN)/python -m ui.manager.i18n

# Every cashier screen, in both languages, rendered on a virtual screen.
screenshots: $(STAMP) translations
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python -m ui.screenshots docs/screenshots
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python -m ui.manager.screenshots docs
	$(BIN)/python -m pos_member.headoffice.console.screenshots docs/screenshots/console

# Store installs: one-folder bundles that need no Python (dist/pos-member with the cashier
# app and the commands, dist/pos-member-headoffice), then the two .deb packages from them.
dist: $(STAMP) translations
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/pos-member.spec

deb: dist
	$(BIN)/python packaging/debian/build_debs.py --dist dist --out dist

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory sysdeps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Installs missing Debian packages when we are root and have apt-get;
# otherwise says what is missing (tests needing them skip with the name).
sysdeps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "Missing Debian packages (install as root: apt-get install$$missing)"; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
