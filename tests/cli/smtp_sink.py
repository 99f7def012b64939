"""A real SMTP server on 127.0.0.1 for the tests of `rapport push send`.

Usage: smtp_sink.py OUTFILE [accept|refuse|stall SECONDS]. Prints the port it listens on,
then serves until killed. Each accepted message is appended to OUTFILE as one JSON line with
the envelope (mail_from, rcpt_tos) and the message as received (data). In refuse mode every
recipient is rejected with 550; in stall mode each message is answered SECONDS after its
data came, as a slow mail server would.
"""
import asyncio
import json
import socket
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, path, refuse, stall=0.0):
        self.path = path
        self.refuse = refuse
        self.stall = stall

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.7.1 recipient refused"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.stall)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"mail_from": envelope.mail_from,
                                "rcpt_tos": envelope.rcpt_tos,
                                "data": envelope.content.decode("utf-8")}) + "\n")
        return "250 Message accepted"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    port = free_port()
    refuse = len(sys.argv) > 2 and sys.argv[2] == "refuse"
    stall = float(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "stall" else 0.0
    controller = Controller(Sink(sys.argv[1], refuse, stall), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    try:
        asyncio.new_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
