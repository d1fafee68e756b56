"""Warm pages through Varnish (deploy/varnish/default.vcl), against the static file from gunicorn.

Issue 12 asks that Varnish serve warm pages at twice the rate gunicorn serves the static file,
with a p99 under 5 ms. The site's VCL is used as shipped, its two backends pointed at the one
benchmark server. Skipped, with a message, where varnishd (Debian: varnish, varnish-modules) is
missing.
"""

import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from bench import load

BASE_DIR = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30


def _vcl(port, folder):
    vcl = (BASE_DIR / "deploy/varnish/default.vcl").read_text()
    vcl = re.sub(
        r'(backend app_[ab] \{ \.host = "127\.0\.0\.1"; \.port = )"\d+"', rf'\1"{port}"', vcl
    )
    path = folder / "default.vcl"
    path.write_text(vcl)
    return path


def measure(server, paths, *, duration):
    """{name: wrk figures} of each (name, path) through a Varnish in front of `server`, or None."""
    varnishd = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if varnishd is None:
        print(
            "bench: varnishd is missing (apt-get install varnish varnish-modules): no front cache"
        )
        return None
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        port = load.free_port()
        command = [
            varnishd,
            "-F",
            "-j",
            "none",
            "-a",
            f"127.0.0.1:{port}",
            "-T",
            "none",
            "-f",
            str(_vcl(server.port, folder)),
            "-n",
            str(folder / "varnish"),
            "-s",
            "malloc,256m",
        ]
        with open(folder / "varnish.log", "wb") as log:
            varnish = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                try:
                    load.get(base + "/healthz", timeout=2)
                    break
                except OSError:
                    if varnish.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError((folder / "varnish.log").read_text()[-2000:]) from None
                    time.sleep(0.2)
            figures = {}
            for name, path in paths:
                load.warm_up(base + path)
                figures[name] = load.wrk(base + path, duration=duration)
                print(f"bench: varnish {figures[name]['rps']:8.0f} req/s  {name}", flush=True)
            return figures
        finally:
            varnish.send_signal(signal.SIGTERM)
            varnish.wait(timeout=30)
