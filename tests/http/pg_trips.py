"""What an API read costs PostgreSQL in round trips (docs/deploy.md, "What a request costs
PostgreSQL"), counted on the wire: the server reaches the test PostgreSQL through a relay
here that reads the messages it sends and counts each Sync (the end of one of libpq's
pipelines, which the server then waits on, but for a read's COMMIT, sent without waiting)
and each simple Query. As a rep with an API token, then with a session cookie (then a
manager of the rep's team with one, for the agenda), with the answers kept in memory: a
read answered from memory, and each read of the mixed workload (bench/mixed.lua) while
another program commits, which drops every answer kept in memory each time (the worker
then sends what it will read with the database's version). A count that rises fails. Run
by ctest as http-pg/pg_trips."""
import re
import socket
import struct
import threading
import time

from server import PASSWORD, Reader, Server, Suite, kept, new_database

REP = "rep1@team.example"
SSL_REQUEST, GSS_REQUEST = 80877103, 80877104

# Round trips at most, Syncs counted, while another program commits: one for the version
# with the caller's check and the count of commits (and a record by id), one for a page's
# kept and fresh statements, one for the COMMIT. An agenda made afresh adds its own
# (engine.md): one for its stamp with its first reads, one for the day's candidates and,
# when it has items, one for what fills them in (contacts, the drafts' records, last
# touches, sender and templates): 4 for rep 1's empty agenda of today on this book (7
# before its first reads went with the stamp), 5 for one with drafts (14 before), 5 for a
# week (11 before its days' reads went together).
MEMORY = 2
AFTER_COMMIT = {
    "/api/v1/accounts?limit=50": 3,
    "/api/v1/deals?limit=50": 3,
    "/api/v1/contacts?limit=50": 3,
    "/api/v1/accounts/1": 2,
    "/api/v1/agenda?date=2026-11-23": 4,
    "/api/v1/agenda?date=2026-12-02": 5,
    "/api/v1/agenda?date=2026-11-23&days=7": 5,
}
# A manager's agenda is made of parts, one per owner of the team (engine.md): none is kept
# in the database by a server that keeps its answers in memory, so every read after a
# commit makes them all, together: one more round trip than a rep's, for the parts read
# after the stamp (with the agenda's first reads): 6 for today, with drafts and for a week
# (14, 15 and 39 when each part was made alone, a round trip for each day).
MANAGER = "manager1@team.example"
MANAGER_AFTER_COMMIT = {
    "/api/v1/agenda?date=2026-11-23": 6,
    "/api/v1/agenda?date=2026-12-02": 6,
    "/api/v1/agenda?date=2026-11-23&days=7": 6,
}


class Relay:
    """A TCP relay to PostgreSQL that counts the round trips each client starts."""

    def __init__(self, port):
        self.target = port
        self.lock = threading.Lock()
        self.trips = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def count(self):
        with self.lock:
            return self.trips

    def accept(self):
        while True:
            client, _ = self.sock.accept()
            server = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self.from_client, args=(client, server), daemon=True).start()
            threading.Thread(target=self.pump, args=(server, client), daemon=True).start()

    @staticmethod
    def pump(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    @staticmethod
    def exact(sock, n):
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def from_client(self, client, server):
        try:
            while True:  # the start-up messages have no type byte
                head = self.exact(client, 8)
                n, code = struct.unpack("!ii", head)
                server.sendall(head + self.exact(client, n - 8))
                if code not in (SSL_REQUEST, GSS_REQUEST):
                    break
            while True:
                head = self.exact(client, 5)
                n = struct.unpack("!i", head[1:])[0]
                server.sendall(head + self.exact(client, n - 4))
                if head[:1] in (b"S", b"Q"):
                    with self.lock:
                        self.trips += 1
        except (EOFError, OSError):
            pass
        finally:
            self.pump(client, server)


def trips(relay, reader, path):
    """One read of PATH and the round trips the server made for it."""
    before = relay.count()
    r = reader.get(path)
    time.sleep(0.3)  # a read's COMMIT goes out after its answer
    return r, relay.count() - before


t = Suite()
url = new_database()
port = int(re.search(r"@127\.0\.0\.1:(\d+)/", url).group(1))
relay = Relay(port)
srv = Server(db=url.replace(":%d/" % port, ":%d/" % relay.port, 1),
             serve_args=["--cache-mb", "24"])
srv.cli("seed", "--accounts", "120", "--reps", "3", "--seed", "7")
srv.cli("user", "password", REP, stdin=PASSWORD + "\n")


def count_reads(reader, caller, reads=AFTER_COMMIT):
    for path, most in reads.items():
        for _ in range(5):  # until it is kept in memory
            if kept(reader.get(path)):
                break
        # The least of three: a commit of the server's own housekeeping (the denials' audit
        # lines) may land between two reads and have one check the caller again.
        r, n = min((trips(relay, reader, path) for _ in range(3)), key=lambda rn: rn[1])
        t.check(r.status == 200 and kept(r), "%s from memory (%s)" % (path, caller), r)
        t.check(n <= MEMORY, "%s from memory (%s): %d round trips at most" % (path, caller,
                                                                               MEMORY), n)
        for i in range(2):  # the first read after a quiet spell finds the version moved
            srv.cli("account", "edit", "2", "--need", "another program's commit %d" % i)
            r, n = trips(relay, reader, path)
        print("%s while another program commits (%s): %d round trips" % (path, caller, n))
        t.check(r.status == 200 and not kept(r),
                "%s while another program commits (%s)" % (path, caller), r)
        t.check(n <= most, "%s while another program commits (%s): %d round trips at most" %
                (path, caller, most), n)
    reader.close()


with srv:
    rep = srv.client()
    rep.token = srv.token(REP)
    count_reads(Reader(srv, rep), "API token")
    # The web app's caller: a session, checked as a token is (its user read with it).
    count_reads(Reader(srv, srv.login(REP)), "session")
    srv.add_user("Manager 1", MANAGER, "manager", "team-1")
    count_reads(Reader(srv, srv.login(MANAGER)), "manager's session", MANAGER_AFTER_COMMIT)
t.check(srv.exit_code == 0, "the server exits cleanly", srv.stderr()[-2000:])
srv.cleanup()
t.finish()
