"""The server under test (`make serve`), the load (wrk) and the workers' memory (/proc)."""

import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
START_TIMEOUT = 120
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, timeout=60):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read()


def _children():
    """{parent pid: [child pids]} of every process."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name, in parentheses, may hold spaces: the fields follow the last ")".
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    return children


def _status_kb(pid, field):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


# As config/gunicorn.py: one worker per core, plus one; BENCH_WORKERS tries another count.
WORKERS = int(os.environ.get("BENCH_WORKERS") or len(os.sched_getaffinity(0)) + 1)


class Server:
    """`make serve` on a free port, in a process group of its own, with a memory sampler."""

    def __init__(self, env, log_path, *, workers=WORKERS):
        self.port = free_port()
        self.log_path = log_path
        self.peaks_kb = {}
        env = {**env, "PORT": str(self.port), "WEB_CONCURRENCY": str(workers)}
        with open(log_path, "wb") as log:
            # -o: the dependencies were installed by `make bench`; never reinstall mid-run.
            self.process = subprocess.Popen(
                ["make", "--no-print-directory", "-o", ".venv/.installed", "serve"],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_until_healthy()
        self._stop_sampling = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _wait_until_healthy(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"make serve stopped:\n{self.log_path.read_text()[-3000:]}")
            try:
                if get(f"{self.url}/healthz", timeout=5)[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"make serve did not answer:\n{self.log_path.read_text()[-3000:]}")

    def workers(self):
        """The gunicorn workers: processes under make whose parent is gunicorn too."""
        children = _children()
        gunicorns, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            todo += children.get(pid, [])
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"gunicorn" in command:
                gunicorns.append(pid)
        return [pid for pid in gunicorns if any(pid in children.get(g, []) for g in gunicorns)]

    def _sample(self):
        while not self._stop_sampling.wait(0.2):
            self._record("VmRSS")

    def _record(self, field):
        for pid in self.workers():
            kb = _status_kb(pid, field)
            if kb is not None:
                self.peaks_kb[pid] = max(self.peaks_kb.get(pid, 0), kb)

    def peak_memory_mb(self):
        """The highest resident memory any worker reached, sampled and as the kernel saw it."""
        self._record("VmHWM")
        return max(self.peaks_kb.values(), default=0) / 1024

    def stop(self):
        if hasattr(self, "_stop_sampling"):
            self._stop_sampling.set()
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _duration_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * UNITS_MS[unit]


def parse_wrk(output):
    """Requests per second, p50, p99 and errors (non-2xx/3xx, socket errors) of a wrk run."""
    latencies = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    sockets = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    statuses = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests = re.search(r"(\d+) requests in", output)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    return {
        "rps": float(rps[1]) if rps else 0.0,
        "p50_ms": _duration_ms(latencies["50"]) if "50" in latencies else None,
        "p99_ms": _duration_ms(latencies["99"]) if "99" in latencies else None,
        "requests": int(requests[1]) if requests else 0,
        "errors": (int(statuses[1]) if statuses else 0)
        + (sum(int(count) for count in sockets.groups()) if sockets else 0),
    }


def wrk(url, *, duration, threads=2, connections=16):
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_wrk(result.stdout)


def warm_up(url):
    """Visit `url` until each worker has compiled its templates and filled its caches."""
    for _ in range(3):
        get(url)
    wrk(url, duration=1, connections=4)
