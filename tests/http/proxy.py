"""nginx in front of several servers, with the checked-in configuration
(contrib/nginx-rapport.conf) changed only in its ports: started unprivileged (as nobody when
run as root) from a temporary directory, on a free port. For the tests and bench/run."""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONF = os.path.join(ROOT, "contrib", "nginx-rapport.conf")
NGINX = "/usr/sbin/nginx"

MAIN = """worker_processes %(workers)d;
pid %(dir)s/nginx.pid;
error_log %(dir)s/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path %(dir)s/body;
    proxy_temp_path %(dir)s/proxy;
    fastcgi_temp_path %(dir)s/fastcgi;
    uwsgi_temp_path %(dir)s/uwsgi;
    scgi_temp_path %(dir)s/scgi;
    include %(dir)s/rapport.conf;
}
"""


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def site(ports, listen):
    """The checked-in site with its upstream servers on PORTS and nginx on LISTEN."""
    with open(CONF) as f:
        text = f.read()
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+ .*;$", text, re.M)
    if len(servers) != 3:
        raise RuntimeError("contrib/nginx-rapport.conf: expected three upstream servers")
    lines = [servers[0].replace(re.search(r"127\.0\.0\.1:\d+", servers[0]).group(0),
                                "127.0.0.1:%d" % p) for p in ports]
    text = text.replace("\n".join(servers), "\n".join(lines))
    return re.sub(r"listen 127\.0\.0\.1:\d+;", "listen 127.0.0.1:%d;" % listen, text)


class Proxy:
    def __init__(self, ports, workers=1):
        self.dir = tempfile.mkdtemp(prefix="rapport-nginx-")
        self.port = free_port()
        with open(os.path.join(self.dir, "rapport.conf"), "w") as f:
            f.write(site(ports, self.port))
        with open(os.path.join(self.dir, "nginx.conf"), "w") as f:
            f.write(MAIN % {"dir": self.dir, "workers": workers})
        self.proc = None

    def start(self):
        cmd = [NGINX, "-p", self.dir, "-c", os.path.join(self.dir, "nginx.conf"),
               "-g", "daemon off;"]
        if os.geteuid() == 0:
            shutil.chown(self.dir, "nobody")
            cmd = ["runuser", "-u", "nobody", "--"] + cmd
        self.err = open(os.path.join(self.dir, "stderr"), "w+")
        self.proc = subprocess.Popen(cmd, stdout=self.err, stderr=self.err)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError("nginx did not start: " + self.log())

    def log(self):
        out = ""
        for name in ("stderr", "error.log"):
            try:
                with open(os.path.join(self.dir, name)) as f:
                    out += f.read()
            except OSError:
                pass
        return out

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    # What server.Client needs of a server: a port to send to.
    def send(self, method, path, data=None, headers=None):
        from server import Server
        return Server.send(self, method, path, data, headers)


if __name__ == "__main__":
    # proxy.py PORT...: nginx in front of the servers on PORTs, in the foreground (this
    # process becomes it); its own port first on stdout. For bench/run.
    import sys
    p = Proxy([int(x) for x in sys.argv[1:]])
    print(p.port, p.dir, flush=True)
    cmd = [NGINX, "-p", p.dir, "-c", os.path.join(p.dir, "nginx.conf"), "-g", "daemon off;"]
    if os.geteuid() == 0:
        shutil.chown(p.dir, "nobody")
        cmd = ["runuser", "-u", "nobody", "--"] + cmd
    os.execvp(cmd[0], cmd)
