"""The reflect page in a real headless browser (Debian's chromium; `make browser` installs it and
`make test` depends on it): the page server runs here with a fake champion (no real model), and
chromium is driven over the DevTools protocol (websockets, already a dependency) the way a person
uses a keyboard: Tab to the case, type it, Ctrl+Enter; then the answer is read from the page.
Also the `?case=` link (what the README's screenshot command uses) through `--dump-dom`."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from reflect_fakes import CRISIS_CASE, FAKE_CANDIDATES, NORMAL_CASE, fake_service, serving

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed and could not be: `make browser` installs it "
                             "(apt-get install -y --no-install-recommends chromium, as root), or set CHROMIUM=<path>")
PHONE = (412, 915)  # a phone-sized window, CSS pixels
TIMEOUT_S = 90      # the machine may be busy: the first screen loads its encoder


def chromium_command(profile: Path, *extra: str) -> list[str]:
    # As root, chromium refuses to start without --no-sandbox.
    sandbox = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [CHROMIUM, "--headless", *sandbox, "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", f"--user-data-dir={profile}",
            f"--window-size={PHONE[0]},{PHONE[1]}", *extra]


class DevTools:
    """The least of the DevTools protocol: commands on one page target, answers matched by id."""

    def __init__(self, socket: Any) -> None:
        self.socket, self.last_id = socket, 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.last_id += 1
        self.socket.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=TIMEOUT_S))
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout_s: float = TIMEOUT_S) -> Any:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError(f"not true after {timeout_s} s: {expression}; page text: "
                             f"{self.evaluate('document.body.innerText')!r}")

    def press(self, key: str, code: str, key_code: int, modifiers: int = 0) -> None:
        """One key pressed and released (modifiers: 2 = Ctrl, 8 = Shift)."""
        for kind in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", type=kind, key=key, code=code, modifiers=modifiers,
                      windowsVirtualKeyCode=key_code, nativeVirtualKeyCode=key_code)

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element."""
        box = self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.scrollIntoView();"
                            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)


@pytest.fixture
def page(tmp_path):
    """A headless chromium with one page, driven over DevTools."""
    from websockets.sync.client import connect

    profile = tmp_path / "profile"
    log = (tmp_path / "chromium.log").open("wb")
    process = subprocess.Popen(chromium_command(profile, "--remote-debugging-port=0", "about:blank"),
                               stdout=subprocess.DEVNULL, stderr=log)
    try:
        port_file = profile / "DevToolsActivePort"  # chromium writes its port here once it listens
        deadline = time.monotonic() + TIMEOUT_S
        while not (port_file.is_file() and port_file.read_text().strip()):
            assert process.poll() is None, f"chromium exited: {(tmp_path / 'chromium.log').read_text()[-2000:]}"
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            time.sleep(0.2)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as response:
            target = next(t for t in json.load(response) if t["type"] == "page")
        with connect(target["webSocketDebuggerUrl"], max_size=None, open_timeout=TIMEOUT_S) as socket:
            devtools = DevTools(socket)
            # a phone's viewport (a headless window is at least 500 px wide)
            devtools.send("Emulation.setDeviceMetricsOverride", width=PHONE[0], height=PHONE[1],
                          deviceScaleFactor=2, mobile=True)
            yield devtools
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(15)
        log.close()


READ_ANSWER = """(() => {
  const q = (s) => document.querySelector(s);
  const all = (s) => [...document.querySelectorAll(s)];
  return {
    risk: q('#result') && q('#result').dataset.risk, tier: q('#tier') && q('#tier').textContent,
    candidates: all('#candidates li').map(li => [li.querySelector('.text').textContent, li.querySelector('.score').textContent]),
    resources: all('#resources li').map(li => li.textContent), message: q('#message') && q('#message').textContent,
    disclaimer: q('#disclaimer') && q('#disclaimer').textContent, model: q('#model') && q('#model').textContent,
    live: q('#answer-region').getAttribute('aria-live'), busy: q('#answer-region').getAttribute('aria-busy'),
    send: q('#send').textContent, label: q('label[for=case]').textContent, lang: document.documentElement.lang,
  };
})()"""


def test_a_person_types_a_case_and_reads_the_answer(monkeypatch, page):
    service, loader, _ = fake_service(monkeypatch)
    with serving(service) as url:
        page.send("Page.navigate", url=f"{url}/?lang=en")
        page.wait_for("document.readyState === 'complete' && !!document.getElementById('send')")
        # readable on a phone: nothing wider than the window
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.evaluate("window.innerWidth") == PHONE[0]

        # keyboard only: Tab to the language, Tab to the case, type, Ctrl+Enter
        page.press("Tab", "Tab", 9)
        assert page.evaluate("document.activeElement.id") == "lang"
        page.press("Tab", "Tab", 9)
        assert page.evaluate("document.activeElement.id") == "case"
        page.send("Input.insertText", text=NORMAL_CASE)
        page.press("Enter", "Enter", 13, modifiers=2)
        page.wait_for("!!document.querySelector('#result')")
        answer = page.evaluate(READ_ANSWER)
        assert answer["risk"] == "none" and answer["tier"] == "No sign of crisis"
        assert answer["candidates"] == [[c["text"], f"score {c['score']:.2f}"] for c in FAKE_CANDIDATES]
        assert "9-8-8" in answer["disclaimer"] and answer["model"] == "Written by reflection-generator, version 7."
        assert (answer["live"], answer["busy"]) == ("polite", "false")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

        # French labels; the answer's own text stays what reflect wrote
        page.evaluate("(() => { const s = document.getElementById('lang'); s.value = 'fr';"
                      " s.dispatchEvent(new Event('change')); })()")
        answer = page.evaluate(READ_ANSWER)
        assert (answer["lang"], answer["send"], answer["label"]) == ("fr", "Reformuler", "Qu’est-ce qui vous préoccupe ?")
        assert answer["tier"] == "Aucun signe de crise" and answer["candidates"][0][0] == FAKE_CANDIDATES[0]["text"]

        # a crisis case, sent with the button: people to reach, no reflection, no model
        page.evaluate("document.getElementById('case').select()")
        page.send("Input.insertText", text=CRISIS_CASE)
        page.click("#send")
        page.wait_for("document.querySelector('#result') && document.querySelector('#result').dataset.risk === 'crisis'")
        answer = page.evaluate(READ_ANSWER)
        assert answer["tier"] == "Crise : joignez quelqu’un maintenant" and answer["candidates"] == []
        assert any("988" in line for line in answer["resources"]) and "9-8-8" in answer["message"]
        assert answer["model"] == "Réponse du filtre de crise ; aucun modèle n’a été utilisé."
        assert loader.calls == ["7"]  # only the first case loaded the model

        # an empty case is caught on the page
        page.evaluate("document.getElementById('case').value = ''")
        page.click("#send")
        assert page.wait_for("document.querySelector('#error') && document.querySelector('#error').textContent") == \
            "Pas de réponse : Écrivez d’abord quelque chose."


def test_a_case_link_answers_on_load(monkeypatch, tmp_path):
    """`/?case=...&lang=fr` fills the case and sends it; `--dump-dom` after the request shows the answer."""
    service, loader, _ = fake_service(monkeypatch)
    with serving(service) as url:
        link = f"{url}/?" + urllib.parse.urlencode({"case": NORMAL_CASE, "lang": "fr", "n": 2})
        dom = subprocess.run(chromium_command(tmp_path / "profile", "--virtual-time-budget=60000", "--dump-dom", link),
                             capture_output=True, text=True, timeout=TIMEOUT_S * 2).stdout
    assert 'id="tier">Aucun signe de crise<' in dom
    assert dom.count('<li data-score="') == 2 and FAKE_CANDIDATES[1]["text"] in dom
    assert loader.calls == ["7"]
