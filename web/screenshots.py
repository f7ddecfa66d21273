"""Screenshots of the main pages at 1280 by 900 pixels in English and Norwegian (docs/).

Run against a running site with the demo data (`make run` in another terminal):

    .venv/bin/python -m web.screenshots [--base-url http://127.0.0.1:8000] [--username admin]

The password is read from the environment (SCREENSHOT_PASSWORD), else from `.admin-password`
(written by `make run`). Playwright drives Debian's Chromium, as the browser tests do.
"""

import argparse
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [  # (file name, path)
    ("overview", "/"),
    ("breakdown-region", "/breakdowns/region/"),
    ("breakdown-region-by-year", "/breakdowns/region/?by=year"),
    ("project-entry", "/projects/enter/"),
    ("instruments", "/instruments/"),
]
LANGUAGES = ["en", "nb"]
VIEWPORT = {"width": 1280, "height": 900}


def take(base_url, username, password, folder):
    """Log in once per language and save each page whole as <name>-<language>.png."""
    from playwright.sync_api import sync_playwright  # a development dependency

    folder.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for language in LANGUAGES:
            context = browser.new_context(base_url=base_url, locale=language, viewport=VIEWPORT)
            page = context.new_page()
            page.goto("/accounts/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", password)
            page.click("form.login button[type=submit]")
            page.wait_for_load_state()
            if "/login/" in page.url:
                raise SystemExit(f"Could not log in as {username!r} at {base_url}.")
            for name, path in PAGES:
                page.goto(path)
                target = folder / f"{name}-{language}.png"
                page.screenshot(path=str(target), full_page=True)
                saved.append(target)
            context.close()
        browser.close()
    return saved


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0].strip('".'))
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--username", default="admin")
    parser.add_argument("--folder", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    password = os.environ.get("SCREENSHOT_PASSWORD")
    if not password:
        kept = ROOT / ".admin-password"
        if not kept.is_file():
            raise SystemExit("Set SCREENSHOT_PASSWORD, or run `make run` once (.admin-password).")
        password = kept.read_text().strip()
    for path in take(args.base_url, args.username, password, args.folder):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
